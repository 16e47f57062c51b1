using System.Globalization;
using ShLogin.Configuration;
using ShLogin.Files;
using ShLogin.Nginx;
using ShLogin.Secrets;

namespace ShLogin.Stack;

/// <summary>What a runner asks of <see cref="StackDescription.Prepare"/>.</summary>
public sealed record StackRequest
{
    /// <summary>The environment the SH_LOGIN_* settings are read from.</summary>
    public required IReadOnlyDictionary<string, string?> Environment { get; init; }

    /// <summary>The command line's flags (those of <c>sh-login start</c>; the AppHost maps its own onto them).</summary>
    public StartFlags Flags { get; init; } = StartFlags.None;

    /// <summary>Where the workload starts (Jupyter's notebook directory).</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>How to run <c>sh-login</c> (the demo workload and the login service are its commands).</summary>
    public required SelfCommand Self { get; init; }

    /// <summary>The workload runs from a container image as this user, not from this host's programs.</summary>
    public bool WorkloadInContainer { get; init; }

    /// <summary>The user and host named in a generated TOTP enrolment (user@host).</summary>
    public required string Account { get; init; }

    /// <summary>
    /// What serves the public port, already decided (see <see cref="StackDescription.ChooseProxy"/>):
    /// <see cref="ProxyMode.Nginx"/> (the default) or <see cref="ProxyMode.Builtin"/>.
    /// </summary>
    public ProxyMode Proxy { get; init; } = ProxyMode.Nginx;
}

/// <summary>
/// One ShLogin stack, described once for both runners: the settings (SH_LOGIN_* and the flags),
/// the secrets, the ports, the private runtime directory, the workload, and the three programs
/// (<see cref="Login"/>, <see cref="App"/>, <see cref="Nginx"/>) with the nginx site they make up.
/// Disposing removes the runtime directory.
/// </summary>
public sealed class StackDescription : IDisposable
{
    /// <summary>The login service's resource name.</summary>
    public const string LoginName = "login";

    /// <summary>The workload's resource name.</summary>
    public const string AppName = "app";

    /// <summary>nginx's resource name.</summary>
    public const string NginxName = "nginx";

    /// <summary>Where nginx is looked for besides PATH (users' PATH often lacks the sbin directories).</summary>
    public const string NginxSearchPath = "/usr/sbin:/usr/local/sbin:/usr/local/nginx/sbin:/sbin";

    /// <summary>The login service's readiness path (also answered through nginx).</summary>
    public const string HealthPath = NginxAuthContract.PathPrefix + "healthz";

    /// <summary>The variables that hold the stack's secrets: no program but the login service sees them.</summary>
    public static readonly IReadOnlyList<string> SecretVariables =
    [
        EnvironmentVariableNames.Token,
        EnvironmentVariableNames.TotpSecret,
        EnvironmentVariableNames.TotpSecretFile,
    ];

    private StackDescription(ShLoginSettings settings, RuntimeDirectory runtime, StackPorts ports, string workingDirectory, ProxyMode proxy)
    {
        Proxy = proxy;
        Settings = settings;
        Runtime = runtime;
        Ports = ports;
        WorkingDirectory = workingDirectory;
        NginxPaths = new NginxRuntimePaths(runtime.Path);
        Listen = new ListenEndpoint(settings.Bind, ports.Nginx);
    }

    /// <summary>The validated settings.</summary>
    public ShLoginSettings Settings { get; }

    /// <summary>What serves the public port: <see cref="ProxyMode.Nginx"/> or <see cref="ProxyMode.Builtin"/> (the login service, with no nginx program).</summary>
    public ProxyMode Proxy { get; }

    /// <summary>True when the login service itself serves the public port and there is no nginx program.</summary>
    public bool UsesBuiltinProxy => Proxy == ProxyMode.Builtin;

    /// <summary>The private runtime directory (0700): nginx's files, the sockets, the login service's keys and sessions.</summary>
    public RuntimeDirectory Runtime { get; }

    /// <summary>nginx's public port and the app's loopback one.</summary>
    public StackPorts Ports { get; }

    /// <summary>Where the workload starts.</summary>
    public string WorkingDirectory { get; }

    /// <summary>Where nginx's files are in the runtime directory.</summary>
    public NginxRuntimePaths NginxPaths { get; }

    /// <summary>Where nginx listens.</summary>
    public ListenEndpoint Listen { get; }

    /// <summary>The token and the TOTP key, given or generated.</summary>
    public required StackSecrets Secrets { get; init; }

    /// <summary>The workload.</summary>
    public required WorkloadSpec Workload { get; init; }

    /// <summary>The workload's preset, or null for a command.</summary>
    public required AppPreset? Preset { get; init; }

    /// <summary>What the banner and the ready file tell.</summary>
    public required StackInfo Info { get; init; }

    /// <summary>The login service (<c>sh-login serve</c>), as <see cref="Login"/> runs it.</summary>
    public required StackProgram Login { get; init; }

    /// <summary>The workload.</summary>
    public required StackProgram App { get; init; }

    /// <summary>The session cookie's name: browsers share cookies between the ports of one host, so it names nginx's port.</summary>
    public string SessionCookieName => CookieNameFor(Ports.Nginx);

    /// <summary>What each relayed line is cleaned of: the token, the TOTP secret, the app's own secret.</summary>
    public SecretRedactor Redactor => StackLogRedaction.For(Secrets, Workload);

    /// <summary>
    /// Settles the stack: reads and checks the settings, picks the ports, creates the runtime
    /// directory, makes or takes the secrets and resolves the workload. Nothing is left behind
    /// when it fails.
    /// </summary>
    /// <exception cref="ConfigurationException">A setting is invalid or a preset's program is missing.</exception>
    /// <exception cref="UntrustedPathException">A directory the stack would use is not safely this user's.</exception>
    public static StackDescription Prepare(StackRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Proxy is not (ProxyMode.Nginx or ProxyMode.Builtin))
        {
            throw new ArgumentException("The proxy must be decided (nginx or builtin) before the stack is prepared.", nameof(request));
        }

        var settings = StackSettings.Read(request.Environment, request.Flags, request.WorkingDirectory);
        var ports = StackPorts.Choose(settings, request.Flags);
        var runtime = StackSettings.CreateRuntimeDirectory(settings, request.Environment);
        try
        {
            var secrets = StackSecrets.From(settings);
            var workload = WorkloadCatalog.Resolve(settings, runtime, ports.App, request.Self, request.WorkingDirectory, request.WorkloadInContainer);
            return new StackDescription(settings, runtime, ports, request.WorkingDirectory, request.Proxy)
            {
                Secrets = secrets,
                Workload = workload,
                Preset = PresetOf(settings),
                Info = StackInfo.Describe(settings, secrets, ports.Nginx, runtime.Path, request.Account, Environment.ProcessId),
                Login = LoginProgram(settings, secrets, runtime, ports, request.Self, AppNameFor(request.Environment, workload), request.Proxy == ProxyMode.Builtin ? workload : null),
                App = AppProgram(workload, runtime, request.WorkingDirectory),
            };
        }
        catch
        {
            runtime.Dispose();
            throw;
        }
    }

    /// <summary>The preset the settings name (default <see cref="WorkloadCatalog.DefaultPreset"/>), or null when they name a command.</summary>
    public static AppPreset? PresetOf(ShLoginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Command is not null || settings.CommandArguments.Count > 0 ? null : settings.App ?? WorkloadCatalog.DefaultPreset;
    }

    /// <summary>
    /// What serves the public port for <paramref name="mode"/>: nginx (<paramref name="nginxProgram"/>
    /// must then be found), the built-in proxy, or for <see cref="ProxyMode.Auto"/> nginx when it was
    /// found and else the built-in proxy.
    /// </summary>
    /// <returns><see cref="ProxyMode.Nginx"/> or <see cref="ProxyMode.Builtin"/>.</returns>
    public static ProxyMode ChooseProxy(ProxyMode mode, string? nginxProgram) => mode switch
    {
        ProxyMode.Builtin => ProxyMode.Builtin,
        ProxyMode.Nginx => ProxyMode.Nginx,
        _ => nginxProgram is null ? ProxyMode.Builtin : ProxyMode.Nginx,
    };

    /// <summary>The nginx program of this host, or null when it is not installed.</summary>
    public static string? FindNginx() =>
        ExecutableLocator.Find("nginx", (Environment.GetEnvironmentVariable("PATH") ?? string.Empty) + ":" + NginxSearchPath);

    /// <summary>The SH_LOGIN_MODE spelling of a mode.</summary>
    public static string ModeName(AuthMode mode) => mode switch
    {
        AuthMode.Token => "token",
        AuthMode.Totp => "totp",
        AuthMode.TokenAndTotp => "token+totp",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    /// <summary>The session cookie's name for a stack on <paramref name="publicPort"/>.</summary>
    public static string CookieNameFor(int publicPort) => "shlogin_" + publicPort.ToString(CultureInfo.InvariantCulture);

    /// <summary>The arguments that start nginx in the foreground on <see cref="WriteNginxConfig"/>'s config, with every file it opens inside the runtime directory.</summary>
    public string[] NginxArguments => ["-p", NginxPaths.Directory, "-c", NginxPaths.ConfigFile, "-e", "stderr"];

    /// <summary>
    /// nginx, run as <paramref name="program"/> (this host's nginx, or the one in ShLogin's image,
    /// with <see cref="NginxArguments"/>); healthy once the login service answers through it.
    /// </summary>
    public StackProgram Nginx(string program)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        var probeHost = Listen.Address is null or "0.0.0.0" or "::" ? "127.0.0.1" : Listen.Address;
        return new StackProgram
        {
            Name = NginxName,
            Command = program,
            Arguments = NginxArguments,
            WorkingDirectory = Runtime.Path,
            RemovedEnvironment = SecretVariables,
            Endpoint = StackEndpoint.Tcp(probeHost, Ports.Nginx),
            HealthPath = HealthPath,
        };
    }

    /// <summary>
    /// The site nginx serves: it asks the login service about every request and proxies the rest
    /// to the app, WebSockets included, with the Origin check and ShLogin's cookies stripped.
    /// </summary>
    /// <param name="sessionGate">
    /// Let the sessions the login service lists (one file per session in the runtime directory)
    /// through without asking it; the login service keeps that list (see <see cref="Login"/>).
    /// </param>
    /// <param name="appAvailableFile">Forward to the app only while this file exists (the supervisor's port guard), or null.</param>
    /// <param name="appUpstream">Where nginx reaches the app, when not at <see cref="App"/>'s endpoint.</param>
    public NginxSiteOptions NginxSite(bool sessionGate, string? appAvailableFile = null, Upstream? appUpstream = null) => new()
    {
        Listen = Listen,
        AuthUpstream = Login.Endpoint.ToUpstream(),
        AppUpstream = appUpstream ?? App.Endpoint.ToUpstream(),
        AppAvailableFile = appAvailableFile,
        AppSecretHeader = Workload.SecretHeader,

        // Every workload: a page on another port of this host must not open a WebSocket with
        // the user's session, and the app never sees the login service's cookies.
        CheckWebSocketOrigin = true,
        SessionCookieName = SessionCookieName,
        SessionGate = sessionGate
            ? new NginxSessionGate(NginxPaths.SessionGateDirectory, NginxAuthContract.GateCookieName(SessionCookieName), SessionUser.NameFor(Settings.Mode))
            : null,
    };

    /// <summary>nginx's config for <paramref name="site"/>, sized for this machine, its workers running as this user.</summary>
    public string RenderNginxConfig(NginxSiteOptions site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return NginxConfigRenderer.Render(site, NginxPaths, NginxWorkerUser.ForCurrentProcess(), NginxWorkerLimits.ForThisMachine());
    }

    /// <summary>
    /// Writes nginx's config (0600, atomically) and prepares what it reads, before each start of
    /// nginx: a stale pid file from a killed master is removed, and the session gate's directory
    /// exists (empty until the login service lists a session).
    /// </summary>
    public void WriteNginxConfig(NginxSiteOptions site, string config)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(config);
        Directory.CreateDirectory(NginxPaths.Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.Delete(NginxPaths.PidFile);
        PrivateFile.WriteAtomically(NginxPaths.ConfigFile, config);
        if (site.SessionGate is { } gate)
        {
            NginxSessionGateDirectory.EnsureExists(gate.Directory);
        }
    }

    /// <summary>Empties the session gate: a login service that died cannot revoke anything, so nginx honours no listed session until it is back.</summary>
    public void RevokeSessionGate()
    {
        try
        {
            NginxSessionGateDirectory.Clear(NginxPaths.SessionGateDirectory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The runtime directory is going away: nothing is left to protect.
        }
    }

    /// <summary>Removes the runtime directory.</summary>
    public void Dispose() => Runtime.Dispose();

    /// <summary>The name on the login page: SH_LOGIN_APP_NAME when given, else what the workload is (e.g. Jupyter Notebook).</summary>
    private static string AppNameFor(IReadOnlyDictionary<string, string?> environment, WorkloadSpec workload) =>
        environment.GetValueOrDefault(EnvironmentVariableNames.AppName) is { Length: > 0 } given
            ? AppDisplayName.Parse(EnvironmentVariableNames.AppName, given)
            : workload.PageName;

    private static StackProgram LoginProgram(ShLoginSettings settings, StackSecrets secrets, RuntimeDirectory runtime, StackPorts ports, SelfCommand self, string appName, WorkloadSpec? proxiedWorkload)
    {
        var runtimeSettings = proxiedWorkload is null ? LoginServiceRuntimeSettings.Environment : LoginServiceRuntimeSettings.ForBuiltinProxy;
        var environment = new Dictionary<string, string>(runtimeSettings, StringComparer.Ordinal)
        {
            [EnvironmentVariableNames.AppName] = appName,
            [EnvironmentVariableNames.Mode] = ModeName(settings.Mode),
            [EnvironmentVariableNames.SessionTtl] = ((long)settings.SessionTtl.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s",
            [EnvironmentVariableNames.SecureCookie] = settings.SecureCookie.ToString().ToLowerInvariant(),
        };
        if (settings.CookieDomain is { } domain)
        {
            environment[EnvironmentVariableNames.CookieDomain] = domain;
        }

        var secretEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (secrets.Token is { } token)
        {
            secretEnvironment[EnvironmentVariableNames.Token] = token;
        }

        if (secrets.TotpKey is { } key)
        {
            secretEnvironment[EnvironmentVariableNames.TotpSecret] = Base32.Encode(key);
        }

        var nginxPaths = new NginxRuntimePaths(runtime.Path);
        List<string> arguments =
        [
            .. self.Arguments, "serve",
            "--data-dir", runtime.LoginDataDirectory,
            "--cookie-name", CookieNameFor(ports.Nginx),
        ];
        if (proxiedWorkload is null)
        {
            arguments.AddRange([NginxGateOptionNames.SessionDirectory, nginxPaths.SessionGateDirectory]);
        }
        else
        {
            // The login service is the proxy: it listens where nginx would and checks every session itself.
            var app = proxiedWorkload.UsesUnixSocket ? Upstream.UnixSocket(runtime.AppSocket) : Upstream.Tcp("127.0.0.1", proxiedWorkload.Port);
            arguments.AddRange([BuiltinProxyOptionNames.Listen, new ListenEndpoint(settings.Bind, ports.Nginx).ToString(), BuiltinProxyOptionNames.App, app.ToString()]);
            if (!proxiedWorkload.UsesUnixSocket)
            {
                arguments.AddRange([BuiltinProxyOptionNames.AppAvailableFile, nginxPaths.AppAvailableFile]);
            }

            if (proxiedWorkload.SecretHeader is { } header)
            {
                secretEnvironment[BuiltinProxyOptionNames.AppSecretHeaderVariable] = header.Name + ": " + header.Value;
            }
        }

        StackEndpoint endpoint;
        string? endpointVariable = null;
        if (settings.AuthPort is { } authPort)
        {
            endpoint = StackEndpoint.Tcp("127.0.0.1", authPort);
            endpointVariable = EnvironmentVariableNames.AuthPort;
            environment[EnvironmentVariableNames.AuthPort] = endpoint.EnvironmentValue;
        }
        else
        {
            endpoint = StackEndpoint.UnixSocket(runtime.AuthSocket);
            arguments.AddRange(["--socket", runtime.AuthSocket]);
        }

        return new StackProgram
        {
            Name = LoginName,
            Command = self.FileName,
            Arguments = arguments,
            Environment = environment,
            SecretEnvironment = secretEnvironment,
            RemovedEnvironment = [.. SecretVariables, EnvironmentVariableNames.AuthPort, EnvironmentVariableNames.FlaskPort, BuiltinProxyOptionNames.AppSecretHeaderVariable],
            Endpoint = endpoint,
            EndpointVariable = endpointVariable,
            HealthPath = HealthPath,
        };
    }

    private static StackProgram AppProgram(WorkloadSpec workload, RuntimeDirectory runtime, string workingDirectory)
    {
        var environment = new Dictionary<string, string>(workload.Environment, StringComparer.Ordinal);
        StackEndpoint endpoint;
        string variable;
        if (workload.UsesUnixSocket)
        {
            endpoint = StackEndpoint.UnixSocket(runtime.AppSocket);
            variable = EnvironmentVariableNames.Socket;
        }
        else
        {
            endpoint = StackEndpoint.Tcp("127.0.0.1", workload.Port);
            variable = EnvironmentVariableNames.Port;
        }

        environment[variable] = endpoint.EnvironmentValue;
        return new StackProgram
        {
            Name = AppName,
            Command = workload.Command,
            Arguments = workload.Arguments,
            WorkingDirectory = workingDirectory,
            Environment = environment,
            RemovedEnvironment = [.. SecretVariables, EnvironmentVariableNames.Socket, EnvironmentVariableNames.Port],
            Endpoint = endpoint,
            EndpointVariable = variable,
            HealthPath = workload.HealthPath,
        };
    }
}
