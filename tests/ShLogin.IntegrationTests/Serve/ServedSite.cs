using ShLogin.IntegrationTests.Infrastructure;
using ShLogin.IntegrationTests.Nginx;
using ShLogin.Nginx;

namespace ShLogin.IntegrationTests.Serve;

/// <summary>
/// The "own nginx" set-up of the README, for real: nginx configured with the output of
/// <c>sh-login nginx-conf</c>, <c>sh-login serve</c> as a child process, and an app stub, every
/// file inside one private temp directory.
/// </summary>
public sealed class ServedSite : IAsyncDisposable
{
    public const string Token = "integration-test-token-0123456789";

    private readonly TemporaryDirectory runtime;
    private readonly bool unixSocket;
    private readonly int authPort;

    private ServedSite(TemporaryDirectory runtime, bool unixSocket, int authPort, AppStub app)
    {
        this.runtime = runtime;
        this.unixSocket = unixSocket;
        this.authPort = authPort;
        App = app;
    }

    public AppStub App { get; }

    public NginxProcess Nginx { get; private set; } = null!;

    public ServeProcess Serve { get; private set; } = null!;

    public string DataDirectory => Path.Combine(runtime.Path, "login");

    public string SocketPath => Path.Combine(runtime.Path, "auth.sock");

    public static async Task<ServedSite> StartAsync(bool unixSocket)
    {
        Requirements.Nginx();
        var runtime = new TemporaryDirectory();
        var site = new ServedSite(runtime, unixSocket, FreePort.Next(), await AppStub.StartAsync());
        try
        {
            await site.StartNginxAsync();
            await site.StartServeAsync();
            return site;
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    /// <summary>A browser talking to nginx.</summary>
    public FormBrowser NewBrowser() => FormBrowser.For(Nginx.BaseAddress);

    /// <summary>Starts <c>sh-login serve</c> again, with the same data directory and address.</summary>
    public async Task StartServeAsync()
    {
        var environment = new Dictionary<string, string?> { ["SH_LOGIN_TOKEN"] = Token };
        List<string> arguments = ["--data-dir", DataDirectory];
        if (unixSocket)
        {
            arguments.AddRange(["--socket", SocketPath]);
        }
        else
        {
            environment["SH_LOGIN_AUTH_PORT"] = $"{authPort}";
        }

        Serve = await ServeProcess.StartAsync(arguments, environment);
    }

    public async ValueTask DisposeAsync()
    {
        if (Serve is not null)
        {
            await Serve.DisposeAsync();
        }

        if (Nginx is not null)
        {
            await Nginx.DisposeAsync();
        }

        await App.DisposeAsync();
        runtime.Dispose();
    }

    private async Task StartNginxAsync()
    {
        var port = FreePort.Next();
        var authUpstream = unixSocket ? $"unix:{SocketPath}" : $"127.0.0.1:{authPort}";
        var snippet = await ShLoginCli.RunAsync(
            ["nginx-conf", "--auth-upstream", authUpstream, "--app-upstream", App.Upstream.ToString(), "--listen", $"127.0.0.1:{port}"]);
        if (snippet.ExitCode != 0)
        {
            throw new InvalidOperationException($"sh-login nginx-conf failed:\n{snippet}");
        }

        var paths = new NginxRuntimePaths(Path.Combine(runtime.Path, "nginx"));
        Nginx = await NginxProcess.StartAsync(paths, NginxConfigSyntaxTests.HttpContextAround(snippet.StandardOutput, paths, toRun: true), port);
    }
}
