using ShLogin.Files;
using ShLogin.Nginx;

namespace ShLogin.Supervisor.Stack;

/// <summary>
/// Whether nginx forwards to an app on a loopback port. Any user of the host can bind such a port
/// while it is free, so nginx forwards only while the app runs and its listener is known to be the
/// app's: closed until then, closed again the moment the app exits. The state is a file in nginx's
/// private directory (see <see cref="NginxSiteOptions.AppAvailableFile"/>) that nginx looks for on
/// every request: no reload, so a change takes effect at once, whether nginx runs, starts or restarts.
/// </summary>
public sealed class AppUpstreamGate
{
    private readonly Lock _gate = new();

    /// <summary>A closed gate whose file is <paramref name="filePath"/>.</summary>
    public AppUpstreamGate(string filePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        FilePath = filePath;
    }

    /// <summary>The file whose presence lets nginx forward.</summary>
    public string FilePath { get; }

    /// <summary>True while nginx forwards to the app.</summary>
    public bool IsForwarding => File.Exists(FilePath);

    /// <summary>Lets nginx forward to the app: its listener was found to be its own.</summary>
    public void Open()
    {
        lock (_gate)
        {
            PrivateFile.WriteAtomically(FilePath, string.Empty);
        }
    }

    /// <summary>Stops nginx forwarding to the app: it exited (or is about to start), and its port is anyone's until it is back.</summary>
    public void Close()
    {
        lock (_gate)
        {
            File.Delete(FilePath);
        }
    }
}
