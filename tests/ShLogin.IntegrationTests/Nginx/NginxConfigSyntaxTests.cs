using System.Net;
using ShLogin.IntegrationTests.Infrastructure;
using ShLogin.Nginx;
using Xunit;

namespace ShLogin.IntegrationTests.Nginx;

/// <summary>The rendered configs pass real <c>nginx -t</c>, run by the same user, with every path in a temp directory.</summary>
public sealed class NginxConfigSyntaxTests
{
    public static TheoryData<string> Sites => new(SiteVariants.Keys);

    private static Dictionary<string, NginxSiteOptions> SiteVariants { get; } = new()
    {
        ["defaults"] = new()
        {
            Listen = ListenEndpoint.Parse("127.0.0.1:8080"),
            AuthUpstream = Upstream.Parse("127.0.0.1:9090"),
            AppUpstream = Upstream.Parse("127.0.0.1:8888"),
        },
        ["everything"] = new()
        {
            Listen = ListenEndpoint.Parse("[::1]:8443"),
            ServerName = "jupyter.example.org *.jupyter.example.org",
            AuthUpstream = Upstream.Parse("unix:/tmp/shl-run dir/auth.sock"),
            AppUpstream = Upstream.Parse("localhost:40000"),
            AppSecretHeader = new AppSecretHeader("Authorization", "token 0f1e2d3c4b5a69788796a5b4c3d2e1f0"),
            CheckWebSocketOrigin = true,
            SessionGate = new NginxSessionGate("/tmp/shl-run dir/nginx/sessions", "shlogin_8443_gate", "token-totp-user"),
        },
        ["all addresses"] = new()
        {
            Listen = ListenEndpoint.Parse("8080"),
            AuthUpstream = Upstream.Parse("[::1]:9090"),
            AppUpstream = Upstream.Parse("unix:/run/user/1000/app.sock"),
        },
    };

    [Theory]
    [MemberData(nameof(Sites))]
    public async Task The_snippet_passes_nginx_t_inside_a_users_http_context(string variant)
    {
        Requirements.Nginx();
        using var runtime = new TemporaryDirectory();
        var paths = new NginxRuntimePaths(runtime.Path);
        var config = HttpContextAround(NginxSnippetRenderer.Render(SiteVariants[variant]), paths);

        var result = await NginxProcess.TestConfigAsync(paths, config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("test is successful", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Sites))]
    public async Task The_start_config_passes_nginx_t(string variant)
    {
        Requirements.Nginx();
        using var runtime = new TemporaryDirectory();
        var paths = new NginxRuntimePaths(runtime.Path);
        var config = NginxConfigRenderer.Render(SiteVariants[variant], paths, NginxWorkerUser.ForCurrentProcess(), NginxWorkerLimits.ForThisMachine());

        var result = await NginxProcess.TestConfigAsync(paths, config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("[warn]", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nginx_t_of_the_start_config_creates_its_files_only_inside_the_nginx_directory_and_owned_by_the_caller()
    {
        Requirements.Nginx();
        using var runtime = new TemporaryDirectory();
        var paths = new NginxRuntimePaths(runtime.Path);
        var config = NginxConfigRenderer.Render(SiteVariants["defaults"], paths, NginxWorkerUser.ForCurrentProcess(), NginxWorkerLimits.ForThisMachine());

        var result = await NginxProcess.TestConfigAsync(paths, config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["nginx"], Directory.GetFileSystemEntries(runtime.Path).Select(Path.GetFileName));
        var created = Directory.GetFileSystemEntries(paths.Directory).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(
            ["client_body_temp", "fastcgi_temp", "nginx.conf", "nginx.pid", "proxy_temp", "scgi_temp", "uwsgi_temp"],
            created);
        var owners = await ProcessRunner.RunAsync("stat", ["-c", "%U", .. Directory.GetFileSystemEntries(paths.Directory)]);
        Assert.All(owners.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries), owner => Assert.Equal(Environment.UserName, owner));
    }

    [Fact]
    public async Task The_start_config_serves_when_nginx_runs_as_an_unprivileged_user()
    {
        Requirements.Nginx();
        var runAs = Environment.IsPrivilegedProcess ? "nobody" : null;
        using var runtime = new TemporaryDirectory();
        await using var auth = await AuthServiceStub.StartAsync();
        await using var app = await AppStub.StartAsync();
        auth.CheckStatus = 204;
        var port = FreePort.Next();
        var paths = new NginxRuntimePaths(runtime.Path);
        var site = SiteVariants["defaults"] with
        {
            Listen = new ListenEndpoint("127.0.0.1", port),
            AuthUpstream = auth.Upstream,
            AppUpstream = app.Upstream,
        };

        // An unprivileged master gets no user directive, exactly as sh-login start renders it for such a user.
        var config = NginxConfigRenderer.Render(site, paths, workerUser: null, NginxWorkerLimits.ForThisMachine());
        await using var nginx = await NginxProcess.StartAsync(paths, config, port, runAs);
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Add("Cookie", ProtectedSite.SessionCookie);
        using var response = await client.GetAsync(new Uri(nginx.BaseAddress, "/tree"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(AppStub.ContentMarker, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain("[emerg]", nginx.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("[warn]", nginx.Errors, StringComparison.Ordinal);
    }

    /// <summary>What a user's nginx.conf looks like around the snippet, with its own files in the temp directory.</summary>
    /// <param name="snippet">The output of <c>sh-login nginx-conf</c>.</param>
    /// <param name="paths">Where nginx keeps its files.</param>
    /// <param name="toRun">
    /// For a running nginx (in the foreground, as <see cref="NginxProcess"/> expects) rather than for
    /// <c>nginx -t</c>, which gets an empty <c>server {}</c> of the user's own beside the snippet
    /// (running, it would try to listen on port 80).
    /// </param>
    internal static string HttpContextAround(string snippet, NginxRuntimePaths paths, bool toRun = false)
    {
        var user = Environment.IsPrivilegedProcess ? $"user {Environment.UserName};\n" : string.Empty;
        var foreground = toRun ? "daemon off;\n" : string.Empty;
        var otherServer = toRun ? string.Empty : "    server {}\n";
        var directory = paths.Directory;
        return $$"""
            {{user}}{{foreground}}pid "{{directory}}/nginx.pid";
            error_log stderr;
            events {}
            http {
                access_log off;
                client_body_temp_path "{{directory}}/client_body_temp";
                proxy_temp_path "{{directory}}/proxy_temp";
                fastcgi_temp_path "{{directory}}/fastcgi_temp";
                uwsgi_temp_path "{{directory}}/uwsgi_temp";
                scgi_temp_path "{{directory}}/scgi_temp";

            {{snippet}}
            {{otherServer}}}
            """;
    }
}
