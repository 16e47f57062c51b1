using ShLogin.Nginx;
using Xunit;

namespace ShLogin.Core.Tests.Nginx;

public sealed class NginxConfigRendererTests
{
    private const string RuntimeDirectory = "/tmp/shlogin.Xy12/run dir";

    private static readonly NginxSiteOptions Site = new()
    {
        Listen = new ListenEndpoint("127.0.0.1", 9123),
        AuthUpstream = Upstream.Parse($"unix:{RuntimeDirectory}/auth.sock"),
        AppUpstream = Upstream.Parse("127.0.0.1:40001"),
        AppSecretHeader = new AppSecretHeader("Authorization", "token abc123"),
        CheckWebSocketOrigin = true,
    };

    private static readonly NginxRuntimePaths Paths = new(RuntimeDirectory);

    private static readonly NginxWorkerLimits Limits = NginxWorkerLimits.For(processorCount: 4, openFilesHardLimit: 1_048_576);

    [Fact]
    public void Runs_in_the_foreground_with_a_master()
    {
        var config = Parse(workerUser: null);

        config.Single("daemon", "off");
        config.Single("master_process", "on");
        config.Single("events");
        config.Single("http");
    }

    [Fact]
    public void Sizes_workers_and_connections_from_the_limits_and_bounds_a_graceful_shutdown()
    {
        var config = Parse(workerUser: null);

        config.Single("worker_processes", "4");
        config.Single("worker_rlimit_nofile", "8256");
        config.Single("events").Single("worker_connections", "8192");
        config.Single("worker_shutdown_timeout", "10s");
    }

    [Fact]
    public void Every_file_nginx_writes_is_named_and_inside_the_runtime_directory()
    {
        var config = Parse(workerUser: null);
        var http = config.Single("http");

        // Each of these defaults to a system path (/run, /var/log, /var/lib/nginx) when left out.
        string[] mainPaths = ["pid", "lock_file"];
        string[] httpPaths = ["client_body_temp_path", "proxy_temp_path", "fastcgi_temp_path", "uwsgi_temp_path", "scgi_temp_path"];
        foreach (var name in mainPaths)
        {
            AssertInsideRuntimeDirectory(Assert.Single(config.Children(name)));
        }

        foreach (var name in httpPaths)
        {
            AssertInsideRuntimeDirectory(Assert.Single(http.Children(name)));
        }

        config.Single("error_log", "stderr", "warn");
        http.Single("access_log", "off");
    }

    [Fact]
    public void No_directive_names_a_file_outside_the_runtime_directory()
    {
        var config = Parse(new NginxWorkerUser("root"));

        var fileArguments = config.Descendants()
            .Where(d => d.Name is not ("location" or "auth_request" or "error_page" or "return"))
            .SelectMany(d => d.Arguments)
            .Select(argument => argument.StartsWith("unix:", StringComparison.Ordinal) ? argument[5..] : argument)
            .Where(argument => argument.StartsWith('/'))
            // The login page URL nginx redirects browsers without a session to is no file.
            .Where(argument => !argument.StartsWith(NginxAuthContract.LoginPath + "?", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(fileArguments);
        Assert.All(fileArguments, path => Assert.StartsWith(RuntimeDirectory + "/", path, StringComparison.Ordinal));
        Assert.DoesNotContain(config.Descendants(), d => d.Name == "include");
    }

    [Fact]
    public void Names_the_worker_user_only_when_given()
    {
        Assert.Empty(Parse(workerUser: null).Children("user"));
        Parse(new NginxWorkerUser("root")).Single("user", "root");
        Parse(new NginxWorkerUser("root", "root")).Single("user", "root", "root");
    }

    [Fact]
    public void Http_context_holds_the_same_site_as_the_snippet()
    {
        var config = NginxConfigRenderer.Render(Site, Paths, workerUser: null, Limits);
        var snippet = NginxSnippetRenderer.Render(Site);

        var siteText = snippet[snippet.IndexOf("map ", StringComparison.Ordinal)..];
        var indented = string.Join('\n', siteText.TrimEnd('\n').Split('\n').Select(line => line.Length == 0 ? line : "    " + line));
        Assert.Contains(indented, config, StringComparison.Ordinal);
    }

    [Fact]
    public void Listens_on_the_given_address()
    {
        Parse(workerUser: null).Single("http").Single("server").Single("listen", "127.0.0.1:9123");
    }

    [Fact]
    public void Quotes_paths_with_spaces()
    {
        var config = NginxConfigRenderer.Render(Site, Paths, workerUser: null, Limits);

        Assert.Contains($"pid \"{RuntimeDirectory}/nginx/nginx.pid\";", config, StringComparison.Ordinal);
    }

    private static NginxDirective Parse(NginxWorkerUser? workerUser) =>
        NginxConfigTree.Parse(NginxConfigRenderer.Render(Site, Paths, workerUser, Limits));

    private static void AssertInsideRuntimeDirectory(NginxDirective directive)
    {
        var path = Assert.Single(directive.Arguments);
        Assert.StartsWith(Paths.Directory + "/", path, StringComparison.Ordinal);
        Assert.DoesNotContain("..", path, StringComparison.Ordinal);
    }
}
