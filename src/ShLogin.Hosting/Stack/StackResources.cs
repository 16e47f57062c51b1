using System.Globalization;
using System.Net;
using ShLogin.Configuration;
using ShLogin.Files;
using ShLogin.Hosting.Health;
using ShLogin.Hosting.Networking;
using ShLogin.Hosting.Processes;
using ShLogin.Hosting.Resources;
using ShLogin.Nginx;
using ShLogin.Secrets;

namespace ShLogin.Hosting.Stack;

/// <summary>
/// The three resources of a ShLogin stack — nginx, the login service, the workload — as
/// composition calls shared by <c>sh-login start</c> and the AppHost.
/// </summary>
public static class StackResources
{
    /// <summary>Where nginx is looked for besides PATH (users' PATH often lacks the sbin directories).</summary>
    public const string NginxSearchPath = "/usr/sbin:/usr/local/sbin:/usr/local/nginx/sbin:/sbin";

    private static readonly string[] SecretVariables =
    [
        EnvironmentVariableNames.Token,
        EnvironmentVariableNames.TotpSecret,
        EnvironmentVariableNames.TotpSecretFile,
    ];

    /// <summary>The nginx program, or null when it is not installed.</summary>
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

    /// <summary>
    /// Passes the login service its settings and secrets through its environment (readable only
    /// by this user), never through its arguments.
    /// </summary>
    public static IResourceBuilder<T> WithLoginServiceSettings<T>(this IResourceBuilder<T> builder, ShLoginSettings settings, StackSecrets secrets)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(secrets);
        builder.WithoutEnvironment([.. SecretVariables, EnvironmentVariableNames.AuthPort, EnvironmentVariableNames.FlaskPort])
            .WithEnvironment(EnvironmentVariableNames.Mode, ModeName(settings.Mode))
            .WithEnvironment(EnvironmentVariableNames.SessionTtl, ((long)settings.SessionTtl.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s")
            .WithEnvironment(EnvironmentVariableNames.SecureCookie, settings.SecureCookie.ToString().ToLowerInvariant());
        if (secrets.Token is { } token)
        {
            builder.WithEnvironment(EnvironmentVariableNames.Token, token);
        }

        if (secrets.TotpKey is { } key)
        {
            builder.WithEnvironment(EnvironmentVariableNames.TotpSecret, Base32.Encode(key));
        }

        if (settings.CookieDomain is { } domain)
        {
            builder.WithEnvironment(EnvironmentVariableNames.CookieDomain, domain);
        }

        return builder;
    }

    /// <summary>
    /// Adds the login service as a child <c>sh-login serve</c> on the runtime directory's socket
    /// (or on 127.0.0.1:<paramref name="authPort"/>), restarted if it dies.
    /// </summary>
    /// <param name="builder">The application.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="self">How to run sh-login.</param>
    /// <param name="runtime">The runtime directory.</param>
    /// <param name="authPort">A loopback port instead of the socket.</param>
    /// <param name="publicPort">nginx's port: it names the session cookie, since browsers share cookies between the ports of one host.</param>
    public static IResourceBuilder<ExecutableResource> AddLoginService(
        this DistributedApplicationBuilder builder, string name, SelfCommand self, RuntimeDirectory runtime, int? authPort, int publicPort)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(self);
        return builder.AddExecutable(name, self.FileName, null, [.. self.Arguments, "serve"])
            .WithLoginServiceEndpoint(runtime, authPort, publicPort, sessionGate: true);
    }

    /// <summary>
    /// Makes a <c>sh-login serve</c> resource (a child program or the project run from source)
    /// keep its keys and sessions in the runtime directory, name its session cookie after nginx's
    /// port and listen on the runtime directory's socket (or on 127.0.0.1:<paramref name="authPort"/>);
    /// healthy once it answers <c>/auth/healthz</c>.
    /// </summary>
    /// <param name="builder">The login service resource.</param>
    /// <param name="runtime">The runtime directory.</param>
    /// <param name="authPort">A loopback port instead of the socket.</param>
    /// <param name="publicPort">nginx's port: it names the session cookie, since browsers share cookies between the ports of one host.</param>
    /// <param name="sessionGate">
    /// Keep nginx's list of sessions (see <see cref="NginxSessionGate"/>) in the runtime directory:
    /// for an nginx of this user that reads it, run with <see cref="WithNginxSite"/>'s gate too.
    /// </param>
    public static IResourceBuilder<T> WithLoginServiceEndpoint<T>(this IResourceBuilder<T> builder, RuntimeDirectory runtime, int? authPort, int publicPort, bool sessionGate = false)
        where T : ExecutableResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(runtime);
        var login = builder.WithArgs("--data-dir", runtime.LoginDataDirectory, "--cookie-name", CookieNameFor(publicPort));
        foreach (var (variable, value) in LoginServiceRuntimeSettings.Environment)
        {
            login.WithEnvironment(variable, value);
        }

        login = authPort is { } port
            ? login.WithHttpEndpoint(port, env: EnvironmentVariableNames.AuthPort)
            : login.WithArgs("--socket", runtime.AuthSocket).WithUnixSocketEndpoint(runtime.AuthSocket);
        if (sessionGate)
        {
            var nginx = new NginxRuntimePaths(runtime.Path);
            login.WithArgs(NginxGateOptionNames.SessionDirectory, nginx.SessionGateDirectory);

            // A login service that died cannot revoke anything: nginx stops honouring its map until it is back.
            login.OnUnexpectedExit(_ => RevokeSessionMap(nginx));
        }

        return login.WithHttpHealthCheck(NginxAuthContract.PathPrefix + "healthz");
    }

    /// <summary>
    /// Adds the protected app. It learns where to listen from SH_LOGIN_SOCKET or SH_LOGIN_PORT and
    /// never sees the stack's secrets. When it exits the application ends with its exit code,
    /// unless <paramref name="restart"/>.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddWorkload(
        this DistributedApplicationBuilder builder, string name, WorkloadSpec workload, RuntimeDirectory runtime, string workingDirectory, bool restart)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(workload);
        return builder.AddExecutable(name, workload.Command, workingDirectory, [.. workload.Arguments])
            .WithWorkload(workload, runtime, restart);
    }

    /// <summary>
    /// Makes a resource (a program or a container) run <paramref name="workload"/>'s way: its
    /// environment without the stack's secrets, its endpoint (the runtime directory's socket or a
    /// loopback port, told in SH_LOGIN_SOCKET or SH_LOGIN_PORT), its health check, and the
    /// application ending with its exit code unless <paramref name="restart"/>.
    /// </summary>
    public static IResourceBuilder<T> WithWorkload<T>(this IResourceBuilder<T> builder, WorkloadSpec workload, RuntimeDirectory runtime, bool restart)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(runtime);
        var app = builder
            .WithoutEnvironment([.. SecretVariables, EnvironmentVariableNames.Socket, EnvironmentVariableNames.Port])
            .WithExitBehavior(restart ? ExitBehavior.Restart : ExitBehavior.StopApplication);
        foreach (var (key, value) in workload.Environment)
        {
            app.WithEnvironment(key, value);
        }

        app = workload.UsesUnixSocket
            ? app.WithUnixSocketEndpoint(runtime.AppSocket, env: EnvironmentVariableNames.Socket)
            : app.WithHttpEndpoint(workload.Port, env: EnvironmentVariableNames.Port);
        if (workload.HealthPath is { } path)
        {
            app.WithHttpHealthCheck(path);
        }

        return app;
    }

    /// <summary>
    /// Adds nginx, run as this user from a config rendered into the runtime directory before each
    /// start, proxying to the login service and the workload; ready once the login service
    /// answers through it. Sessions the login service lists reach the app as
    /// <paramref name="sessionUser"/> without a call to it.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddNginx(
        this DistributedApplicationBuilder builder,
        string name,
        string nginxProgram,
        RuntimeDirectory runtime,
        ListenEndpoint listen,
        IResourceBuilder<Resource> login,
        IResourceBuilder<Resource> workload,
        WorkloadSpec workloadSpec,
        string sessionUser)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(runtime);
        return builder.AddExecutable(name, nginxProgram, runtime.Path, NginxArguments(runtime))
            .WithNginxSite(runtime, listen, login, workload, workloadSpec, sessionUser, guardAppPort: true);
    }

    /// <summary>
    /// The arguments that start nginx in the foreground on the config <see cref="WithNginxSite"/>
    /// writes, with every file it opens inside the runtime directory.
    /// </summary>
    public static string[] NginxArguments(RuntimeDirectory runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var paths = new NginxRuntimePaths(runtime.Path);
        return ["-p", paths.Directory, "-c", paths.ConfigFile, "-e", "stderr"];
    }

    /// <summary>
    /// Makes an nginx resource (started with <see cref="NginxArguments"/>, as a program or in a
    /// container on the host network) serve the site: its config is rendered into the runtime
    /// directory before each start, it proxies to <paramref name="login"/> and
    /// <paramref name="workload"/>, listens on <paramref name="listen"/>, and is healthy once the
    /// login service answers through it. With <paramref name="sessionGateUser"/>, nginx lets the
    /// sessions the login service lists through as that user without asking it (the login service
    /// must run with <see cref="WithLoginServiceEndpoint"/>'s gate). With <paramref name="guardAppPort"/>
    /// and a workload on a loopback port, nginx forwards to it only while its listener is known to
    /// be its own (see <see cref="AppUpstreamGate"/>): the workload must run as a program of this
    /// host, whose processes <c>/proc</c> shows. nginx sizes its workers and connections for this
    /// machine (see <see cref="NginxWorkerLimits"/>).
    /// </summary>
    public static IResourceBuilder<T> WithNginxSite<T>(
        this IResourceBuilder<T> builder,
        RuntimeDirectory runtime,
        ListenEndpoint listen,
        IResourceBuilder<Resource> login,
        IResourceBuilder<Resource> workload,
        WorkloadSpec workloadSpec,
        string? sessionGateUser = null,
        bool guardAppPort = false)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(login);
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(workloadSpec);
        var paths = new NginxRuntimePaths(runtime.Path);
        var appEndpoint = workload.Resource.GetEndpoint("http");
        var appGate = guardAppPort && !appEndpoint.IsUnixSocket ? GuardAppPort(workload, appEndpoint, paths) : null;
        var site = new NginxSiteOptions
        {
            Listen = listen,
            AuthUpstream = ToUpstream(login.Resource.GetEndpoint("http")),
            AppUpstream = ToUpstream(appEndpoint),
            AppAvailableFile = appGate?.FilePath,
            AppSecretHeader = workloadSpec.SecretHeader,
            // Every workload: a page on another port of this host must not open a WebSocket with
            // the user's session, and the app never sees the login service's cookies.
            CheckWebSocketOrigin = true,
            SessionCookieName = CookieNameFor(listen.Port),
            SessionGate = sessionGateUser is null ? null : new NginxSessionGate(paths.SessionGateDirectory, NginxAuthContract.GateCookieName(CookieNameFor(listen.Port)), sessionGateUser),
        };
        var config = NginxConfigRenderer.Render(site, paths, NginxWorkerUser.ForCurrentProcess(), NginxWorkerLimits.ForThisMachine());
        var probeHost = listen.Address is null or "0.0.0.0" or "::" ? "127.0.0.1" : listen.Address;
        var nginx = builder
            .WithoutEnvironment(SecretVariables)

            // nginx's workers do not die with their master: killed outright, it leaves them serving
            // the public port with the session map of that moment (a logout would never reach them)
            // and holding the port against its successor. They go at once, before the restart.
            .WithLeftoverSignal(Signals.SigKill)
            .OnBeforeStart(_ =>
            {
                WriteConfig(paths, config);
                if (site.SessionGate is { } gate)
                {
                    // The login service lists its sessions there; until it has, nginx lists none.
                    NginxSessionGateDirectory.EnsureExists(gate.Directory);
                }

                return Task.CompletedTask;
            })
            .WithReference(login)
            .WithReference(workload);
        nginx.Resource.AddEndpoint(EndpointReference.Tcp("http", probeHost, listen.Port));
        return nginx.WithHttpHealthCheck(NginxAuthContract.PathPrefix + "healthz");
    }

    /// <summary>The session cookie's name for a stack on <paramref name="publicPort"/>.</summary>
    public static string CookieNameFor(int publicPort) => "shlogin_" + publicPort.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Keeps nginx from forwarding to the workload's loopback port unless the listener there is
    /// the workload's own: checked (socket inode against the workload's open files) at each start
    /// before its health probe is sent, and closed before each start and the moment it exits.
    /// </summary>
    private static AppUpstreamGate GuardAppPort(IResourceBuilder<Resource> workload, EndpointReference endpoint, NginxRuntimePaths paths)
    {
        var gate = new AppUpstreamGate(paths.AppAvailableFile);
        var guard = new AppPortGuard(gate, IPAddress.TryParse(endpoint.Host, out var parsed) ? parsed : IPAddress.Loopback, endpoint.Port);
        workload
            .OnBeforeStart(_ =>
            {
                Directory.CreateDirectory(paths.Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                guard.Close();
                return Task.CompletedTask;
            })
            .WithReadinessCheck(guard.Check)
            .OnHealthy(guard.Open)
            .OnUnexpectedExit(_ => guard.Close())
            .OnStopped(guard.Close);
        return gate;
    }

    private static Upstream ToUpstream(EndpointReference endpoint) =>
        endpoint.IsUnixSocket ? Upstream.UnixSocket(endpoint.SocketPath!) : Upstream.Tcp(endpoint.Host, endpoint.Port);

    private static void WriteConfig(NginxRuntimePaths paths, string config)
    {
        const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(paths.Directory, PrivateDirectory);

        // A stale pid file from a killed master would make the next one refuse to start.
        File.Delete(paths.PidFile);
        PrivateFile.WriteAtomically(paths.ConfigFile, config);
    }

    private static void RevokeSessionMap(NginxRuntimePaths paths)
    {
        try
        {
            NginxSessionGateDirectory.Clear(paths.SessionGateDirectory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The runtime directory is going away: nothing is left to protect.
        }
    }
}
