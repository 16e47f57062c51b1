using System.Net;
using ShLogin.Hosting.Processes;
using ShLogin.Hosting.Resources;
using ShLogin.Stack;

namespace ShLogin.Hosting.Stack;

/// <summary>
/// <c>sh-login start</c>'s way of running a <see cref="StackDescription"/>: each of its programs
/// as a child process of this one, supervised (restarted, health-probed, stopped in order).
/// </summary>
public static class StackResources
{
    /// <summary>Adds one program of the stack as described: arguments, environment, endpoint and health check.</summary>
    public static IResourceBuilder<ExecutableResource> AddProgram(this DistributedApplicationBuilder builder, StackProgram program)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(program);
        var resource = builder.AddExecutable(program.Name, program.Command, program.WorkingDirectory, [.. program.Arguments])
            .WithoutEnvironment([.. program.RemovedEnvironment]);

        // Children read their secrets from their environment, which only this user can read.
        foreach (var (name, value) in program.Environment.Concat(program.SecretEnvironment))
        {
            resource.WithEnvironment(name, value);
        }

        var endpoint = program.Endpoint;
        resource.Resource.AddEndpoint(endpoint.SocketPath is { } socket ? EndpointReference.Unix("http", socket) : EndpointReference.Tcp("http", endpoint.Host, endpoint.Port));
        return program.HealthPath is { } path ? resource.WithHttpHealthCheck(path) : resource;
    }

    /// <summary>Adds the login service, restarted if it dies; while it is down, nginx honours none of the sessions it listed.</summary>
    public static IResourceBuilder<ExecutableResource> AddLoginService(this DistributedApplicationBuilder builder, StackDescription stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return builder.AddProgram(stack.Login).OnUnexpectedExit(_ => stack.RevokeSessionGate());
    }

    /// <summary>
    /// Adds the protected app. When it exits the application ends with its exit code, unless
    /// <paramref name="restart"/>.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddWorkload(this DistributedApplicationBuilder builder, StackDescription stack, bool restart)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return builder.AddProgram(stack.App).WithExitBehavior(restart ? ExitBehavior.Restart : ExitBehavior.StopApplication);
    }

    /// <summary>
    /// Adds nginx, run as this user from the stack's site, its config written into the runtime
    /// directory before each start; started once the login service is healthy. Sessions the
    /// login service lists get through without a call to it. With the workload on a loopback
    /// port, nginx forwards to it only while its listener is known to be the workload's own
    /// (see <see cref="AppUpstreamGate"/>).
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddNginx(
        this DistributedApplicationBuilder builder, StackDescription stack, string nginxProgram, IResourceBuilder<Resource> login, IResourceBuilder<Resource> app)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(login);
        ArgumentNullException.ThrowIfNull(app);
        var appGate = stack.App.Endpoint.IsUnixSocket ? null : GuardAppPort(app, stack);
        var site = stack.NginxSite(sessionGate: true, appAvailableFile: appGate?.FilePath);
        var config = stack.RenderNginxConfig(site);
        return builder.AddProgram(stack.Nginx(nginxProgram))

            // nginx's workers do not die with their master: killed outright, it leaves them serving
            // the public port and holding it against its successor. They go at once, before the restart.
            .WithLeftoverSignal(Signals.SigKill)
            .OnBeforeStart(_ =>
            {
                stack.WriteNginxConfig(site, config);
                return Task.CompletedTask;
            })
            .WaitFor(login);
    }

    /// <summary>
    /// Keeps nginx from forwarding to the workload's loopback port unless the listener there is
    /// the workload's own: checked (socket inode against the workload's open files) at each start
    /// before its health probe is sent, and closed before each start and the moment it exits.
    /// </summary>
    private static AppUpstreamGate GuardAppPort(IResourceBuilder<Resource> workload, StackDescription stack)
    {
        var endpoint = stack.App.Endpoint;
        var gate = new AppUpstreamGate(stack.NginxPaths.AppAvailableFile);
        var guard = new AppPortGuard(gate, IPAddress.TryParse(endpoint.Host, out var parsed) ? parsed : IPAddress.Loopback, endpoint.Port);
        workload
            .OnBeforeStart(_ =>
            {
                Directory.CreateDirectory(stack.NginxPaths.Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                guard.Close();
                return Task.CompletedTask;
            })
            .WithReadinessCheck(guard.Check)
            .OnHealthy(guard.Open)
            .OnUnexpectedExit(_ => guard.Close())
            .OnStopped(guard.Close);
        return gate;
    }
}
