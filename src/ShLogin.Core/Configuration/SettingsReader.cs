using System.Collections;
using static ShLogin.Configuration.EnvironmentVariableNames;

namespace ShLogin.Configuration;

/// <summary>
/// The one place that reads the SH_LOGIN_* variables and the <c>start</c> flags. A flag wins over
/// its variable; an empty variable counts as unset; unknown SH_LOGIN_* variables are ignored. The
/// first bad value throws a <see cref="ConfigurationException"/>, before anything is started.
/// </summary>
public sealed class SettingsReader
{
    /// <summary>The secret file simpleotp users keep next to the service.</summary>
    public const string WorkingDirectorySecretFileName = ".totp_secret";

    /// <summary>The variable naming the parent of a generated runtime directory.</summary>
    public const string TemporaryDirectoryVariable = "TMPDIR";

    private readonly ISettingsFileSystem files;
    private readonly ILocalAddresses addresses;

    /// <param name="files">Where secret files are read.</param>
    /// <param name="addresses">Which addresses this machine has; <see cref="LocalAddresses.Instance"/> when null.</param>
    public SettingsReader(ISettingsFileSystem files, ILocalAddresses? addresses = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        this.files = files;
        this.addresses = addresses ?? LocalAddresses.Instance;
    }

    /// <summary>Reads this process's environment and working directory.</summary>
    public static ShLoginSettings ReadFromProcess(StartFlags flags) =>
        new SettingsReader(LocalSettingsFileSystem.Instance)
            .Read(ProcessEnvironment(), flags, Environment.CurrentDirectory);

    /// <summary>A snapshot of this process's environment variables.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment()
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = (string?)entry.Value;
        }

        return variables;
    }

    /// <summary>Validates the environment and flags into settings.</summary>
    /// <param name="environment">Environment variables by name.</param>
    /// <param name="flags">The flags given to <c>start</c>; <see cref="StartFlags.None"/> otherwise.</param>
    /// <param name="workingDirectory">Absolute path that relative paths and <c>.totp_secret</c> are resolved against.</param>
    public ShLoginSettings Read(IReadOnlyDictionary<string, string?> environment, StartFlags flags, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentException.ThrowIfNullOrWhiteSpace(workingDirectory);

        var values = new SettingValues(environment);

        var token = values.Pick(flags.Token, StartFlagNames.Token, EnvironmentVariableNames.Token, trim: false) is { } tokenValue
            ? SettingParsers.Token(tokenValue.Setting, tokenValue.Value)
            : null;

        var mode = values.Pick(flags.Mode, StartFlagNames.Mode, Mode) is { } modeValue
            ? SettingParsers.Mode(modeValue.Setting, modeValue.Value)
            : AuthMode.Token;

        var (totpSecret, totpSource) = ReadTotpSecret(values, flags, mode, workingDirectory);

        var nginxPort = ReadPort(values.Pick(flags.Nginx, StartFlagNames.Nginx, EnvironmentVariableNames.Nginx));
        var bind = values.Pick(flags.Bind, StartFlagNames.Bind, Bind) is { } bindValue
            ? SettingParsers.LocalBind(bindValue.Setting, bindValue.Value, addresses)
            : ShLoginSettings.DefaultBind;

        var appPortValue = values.Pick(flags.Port, StartFlagNames.Port, Port);
        var appOnSocket = false;
        var appPort = appPortValue is null ? null : SettingParsers.AppPort(appPortValue.Setting, appPortValue.Value, out appOnSocket);
        var authPortValue = values.Pick(flags.AuthPort, StartFlagNames.AuthPort, AuthPort)
            ?? values.Pick(null, StartFlagNames.AuthPort, FlaskPort);
        var authPort = ReadPort(authPortValue);
        RequireDistinctPorts(nginxPort, appPortValue, appPort, authPortValue, authPort);

        // Both end up in nginx's config (as the runtime directory or its parent): checked before anything is created.
        var tmpDir = values.Pick(flags.TmpDir, StartFlagNames.TmpDir, TmpDir) is { } tmpDirValue
            ? SettingParsers.RuntimePath(tmpDirValue.Setting, tmpDirValue.Value, workingDirectory)
            : null;
        var temporaryRoot = tmpDir is null && values.Pick(null, string.Empty, TemporaryDirectoryVariable) is { } temporaryValue
            ? SettingParsers.RuntimePath(temporaryValue.Setting, temporaryValue.Value, workingDirectory)
            : ShLoginSettings.DefaultTemporaryRoot;

        var (command, commandArguments, app) = ReadWorkload(values, flags);

        var sessionTtl = values.Pick(flags.SessionTtl, StartFlagNames.SessionTtl, SessionTtl) is { } ttlValue
            ? SettingParsers.SessionTtl(ttlValue.Setting, ttlValue.Value)
            : ShLoginSettings.DefaultSessionTtl;

        var cookieDomain = values.Pick(flags.CookieDomain, StartFlagNames.CookieDomain, CookieDomain) is { } domainValue
            ? SettingParsers.CookieDomain(domainValue.Setting, domainValue.Value)
            : null;

        var secureCookie = values.Pick(flags.SecureCookie, StartFlagNames.SecureCookie, SecureCookie) is { } secureValue
            ? SettingParsers.SecureCookie(secureValue.Setting, secureValue.Value)
            : SecureCookieMode.Auto;

        var proxy = values.Pick(flags.Proxy, StartFlagNames.Proxy, Proxy) is { } proxyValue
            ? SettingParsers.Proxy(proxyValue.Setting, proxyValue.Value)
            : ProxyMode.Auto;

        return new ShLoginSettings
        {
            Mode = mode,
            Token = token,
            TotpSecret = totpSecret,
            TotpSecretSource = totpSource,
            NginxPort = nginxPort,
            Bind = bind,
            AppPort = appPort,
            AppOnSocket = appOnSocket,
            AuthPort = authPort,
            TmpDir = tmpDir,
            TemporaryRoot = temporaryRoot,
            Command = command,
            CommandArguments = commandArguments,
            App = app,
            SessionTtl = sessionTtl,
            CookieDomain = cookieDomain,
            SecureCookie = secureCookie,
            Proxy = proxy,
        };
    }

    private (byte[]? Secret, TotpSecretSource? Source) ReadTotpSecret(
        SettingValues values, StartFlags flags, AuthMode mode, string workingDirectory)
    {
        if (values.Pick(flags.TotpSecretFile, StartFlagNames.TotpSecretFile, null) is { } flagFile)
        {
            return ReadSecretFile(flagFile, TotpSecretOrigin.SecretFile, workingDirectory);
        }

        var text = values.Pick(null, string.Empty, TotpSecret, trim: false);
        var file = values.Pick(null, string.Empty, TotpSecretFile);
        if (text is not null && file is not null)
        {
            throw new ConfigurationException(
                file.Setting, file.Value, $"only one of {TotpSecret} and {TotpSecretFile}", $"{TotpSecret} is set too");
        }

        if (text is not null)
        {
            return (TotpSecretReader.FromText(text.Setting, text.Value), new TotpSecretSource(TotpSecretOrigin.EnvironmentVariable));
        }

        if (file is not null)
        {
            return ReadSecretFile(file, TotpSecretOrigin.SecretFile, workingDirectory);
        }

        // The simpleotp convention, only where a TOTP secret is wanted: a token-mode start ignores it.
        var conventional = Path.Combine(workingDirectory, WorkingDirectorySecretFileName);
        if ((mode is AuthMode.Totp or AuthMode.TokenAndTotp) && files.Exists(conventional))
        {
            return ReadSecretFile(
                new SettingValue(WorkingDirectorySecretFileName, conventional), TotpSecretOrigin.WorkingDirectoryFile, workingDirectory);
        }

        return (null, null);
    }

    private (byte[] Secret, TotpSecretSource Source) ReadSecretFile(
        SettingValue file, TotpSecretOrigin origin, string workingDirectory)
    {
        var path = SettingParsers.FullPath(file.Setting, file.Value, workingDirectory, SettingParsers.FilePathAccepted);
        var secret = TotpSecretReader.FromFile(file.Setting, path, files);
        return (secret, new TotpSecretSource(origin, path));
    }

    private static int? ReadPort(SettingValue? value) =>
        value is null ? null : SettingParsers.Port(value.Setting, value.Value);

    private static void RequireDistinctPorts(
        int? nginxPort, SettingValue? appPortValue, int? appPort, SettingValue? authPortValue, int? authPort)
    {
        const string accepted = "a port different from the nginx, app and login service ports";
        if (appPort is not null && appPort == nginxPort)
        {
            throw new ConfigurationException(appPortValue!.Setting, appPortValue.Value, accepted, "nginx uses the same port");
        }

        if (authPort is not null && authPort == nginxPort)
        {
            throw new ConfigurationException(authPortValue!.Setting, authPortValue.Value, accepted, "nginx uses the same port");
        }

        if (authPort is not null && authPort == appPort)
        {
            throw new ConfigurationException(authPortValue!.Setting, authPortValue.Value, accepted, "the app uses the same port");
        }
    }

    private static (string? Command, IReadOnlyList<string> Arguments, AppPreset? App) ReadWorkload(
        SettingValues values, StartFlags flags)
    {
        var arguments = flags.CommandArguments.Count > 0 ? flags.CommandArguments.ToArray() : [];
        if (arguments.Length > 0 && flags.Cmd is not null)
        {
            throw new ConfigurationException(
                StartFlagNames.Cmd, flags.Cmd, "either --cmd or a command after --, not both", "a command is given after -- too");
        }

        var commandValue = arguments.Length > 0
            ? null
            : values.Pick(flags.Cmd, StartFlagNames.Cmd, Cmd, trim: false);
        var appValue = values.Pick(flags.App, StartFlagNames.App, App);
        var app = appValue is null ? (AppPreset?)null : SettingParsers.App(appValue.Setting, appValue.Value);

        var commandFromFlag = arguments.Length > 0 || flags.Cmd is not null;
        var appFromFlag = flags.App is not null;
        var hasCommand = arguments.Length > 0 || commandValue is not null;
        if (hasCommand && app is not null && commandFromFlag == appFromFlag)
        {
            throw new ConfigurationException(
                appValue!.Setting,
                appValue.Value,
                "either a preset app or a command, not both",
                arguments.Length > 0 ? "a command is given after --" : $"{commandValue!.Setting} is set too");
        }

        // A flag beats the environment even across the two ways of naming the workload.
        if (hasCommand && app is not null)
        {
            return commandFromFlag ? (commandValue?.Value, arguments, null) : (null, [], app);
        }

        if (!hasCommand && app is null && flags.DefaultApp is { } defaultApp)
        {
            app = SettingParsers.App(StartFlagNames.DefaultApp, defaultApp.Trim());
        }

        return (commandValue?.Value, arguments, app);
    }
}
