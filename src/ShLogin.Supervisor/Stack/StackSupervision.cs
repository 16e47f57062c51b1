using System.Net;
using ShLogin.Stack;
using ShLogin.Supervisor.Processes;

namespace ShLogin.Supervisor.Stack;

/// <summary>
/// <c>sh-login start</c>'s way of running a <see cref="StackDescription"/>: its three programs as
/// supervised child processes of this one (restarted, health-probed, stopped in order).
/// </summary>
public static class StackSupervision
{
    /// <summary>
    /// The login service, nginx and the workload, ready for a <see cref="ProgramSupervisor"/>; with
    /// the built-in proxy only the login service (which then serves the public port) and the workload.
    /// When the workload exits the run ends with its exit code, unless <paramref name="restartWorkload"/>.
    /// </summary>
    /// <param name="stack">The stack.</param>
    /// <param name="nginxProgram">The nginx to run (see <see cref="StackDescription.FindNginx"/>); null with the built-in proxy.</param>
    /// <param name="restartWorkload">Restart the workload when it exits instead of ending the run.</param>
    public static IReadOnlyList<SupervisedProgram> Programs(StackDescription stack, string? nginxProgram, bool restartWorkload)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var login = LoginService(stack);
        var appGuard = stack.App.Endpoint.IsUnixSocket ? null : GuardAppPort(stack);
        var app = Workload(stack, restartWorkload, appGuard);
        if (stack.UsesBuiltinProxy)
        {
            return [login, app];
        }

        ArgumentException.ThrowIfNullOrEmpty(nginxProgram);
        return [login, app, Nginx(stack, nginxProgram, login, appGuard?.Gate)];
    }

    /// <summary>The login service, restarted if it dies; while it is down, nginx honours none of the sessions it listed.</summary>
    private static SupervisedProgram LoginService(StackDescription stack) => new(stack.Login)
    {
        OnUnexpectedExit = _ => stack.RevokeSessionGate(),
    };

    /// <summary>
    /// The protected app. On a loopback port, nginx forwards to it only while its listener is
    /// known to be its own: checked (socket inode against the app's open files) at each start
    /// before its health probe is sent, and the gate closed before each start and the moment it exits.
    /// </summary>
    private static SupervisedProgram Workload(StackDescription stack, bool restart, AppPortGuard? guard)
    {
        var exitBehavior = restart ? ExitBehavior.Restart : ExitBehavior.StopAll;
        if (guard is null)
        {
            return new SupervisedProgram(stack.App) { ExitBehavior = exitBehavior };
        }

        return new SupervisedProgram(stack.App)
        {
            ExitBehavior = exitBehavior,
            BeforeEachStart = () =>
            {
                Directory.CreateDirectory(stack.NginxPaths.Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                guard.Close();
            },
            ReadinessCheck = guard.Check,
            OnHealthy = guard.Open,
            OnUnexpectedExit = _ => guard.Close(),
            OnStopped = guard.Close,
        };
    }

    /// <summary>
    /// nginx, run as this user from the stack's site, its config written into the runtime directory
    /// before each start; started once the login service is healthy. Sessions the login service
    /// lists get through without a call to it. With the workload on a loopback port, nginx forwards
    /// to it only while <paramref name="appGate"/> is open.
    /// </summary>
    private static SupervisedProgram Nginx(StackDescription stack, string nginxProgram, SupervisedProgram login, AppUpstreamGate? appGate)
    {
        var site = stack.NginxSite(sessionGate: true, appAvailableFile: appGate?.FilePath);
        var config = stack.RenderNginxConfig(site);
        return new SupervisedProgram(stack.Nginx(nginxProgram))
        {
            // nginx's workers do not die with their master: killed outright, it leaves them serving
            // the public port and holding it against its successor. They go at once, before the restart.
            LeftoverSignal = Signals.SigKill,
            BeforeEachStart = () => stack.WriteNginxConfig(site, config),
            WaitsFor = [login],
        };
    }

    private static AppPortGuard GuardAppPort(StackDescription stack)
    {
        var endpoint = stack.App.Endpoint;
        var gate = new AppUpstreamGate(stack.NginxPaths.AppAvailableFile);
        return new AppPortGuard(gate, IPAddress.TryParse(endpoint.Host, out var parsed) ? parsed : IPAddress.Loopback, endpoint.Port);
    }
}
