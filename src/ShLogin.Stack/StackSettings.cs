using ShLogin.Configuration;
using ShLogin.Files;

namespace ShLogin.Stack;

/// <summary>Reads a stack's settings the same way for <c>sh-login start</c> and the AppHost.</summary>
public static class StackSettings
{
    /// <summary>
    /// The validated settings from SH_LOGIN_* and <paramref name="flags"/> (flags win).
    /// </summary>
    /// <exception cref="ConfigurationException">A value is invalid; the message names it.</exception>
    public static ShLoginSettings Read(IReadOnlyDictionary<string, string?> environment, StartFlags flags, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(flags);
        return new SettingsReader(new LocalSettingsFileSystem()).Read(environment, flags, workingDirectory);
    }

    /// <summary>
    /// The runtime directory the settings ask for (SH_LOGIN_TMPDIR), or a new one under $TMPDIR
    /// (or /tmp).
    /// </summary>
    /// <exception cref="ConfigurationException">The directory cannot be made or used; the message names the variable.</exception>
    public static RuntimeDirectory CreateRuntimeDirectory(ShLoginSettings settings, IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        var temporaryRoot = settings.TemporaryRoot;
        var setting = settings.TmpDir is null ? SettingsReader.TemporaryDirectoryVariable : EnvironmentVariableNames.TmpDir;
        if (RuntimeDirectory.SocketPathProblem(settings.TmpDir ?? temporaryRoot, generatedUnder: settings.TmpDir is null) is { } problem)
        {
            var shorter = settings.TmpDir is null ? $"a shorter directory (or {EnvironmentVariableNames.TmpDir} set to one)" : "a shorter directory";
            throw new ConfigurationException(setting, settings.TmpDir ?? temporaryRoot, shorter, problem);
        }

        try
        {
            return RuntimeDirectory.Create(settings.TmpDir, temporaryRoot);
        }
        catch (UntrustedPathException exception)
        {
            throw new ConfigurationException(setting, settings.TmpDir ?? temporaryRoot, settings.TmpDir is null ? PathTrust.DirectoryAccepted : PathTrust.PrivateDirectoryAccepted, exception.Reason);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(setting, settings.TmpDir ?? temporaryRoot, "a directory this user can create and write", exception.Message);
        }
    }
}
