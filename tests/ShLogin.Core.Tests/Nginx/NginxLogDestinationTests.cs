using ShLogin.Nginx;
using Xunit;

namespace ShLogin.Core.Tests.Nginx;

/// <summary>
/// nginx's error log quotes request lines (the one-click token included), so in the config of
/// <c>sh-login start</c> it goes only to stderr, which the supervisor relays through its redaction,
/// and nginx writes no log file of any kind.
/// </summary>
public sealed class NginxLogDestinationTests
{
    private static readonly NginxSiteOptions Site = new()
    {
        Listen = new ListenEndpoint("127.0.0.1", 9123),
        AuthUpstream = Upstream.Parse("unix:/tmp/shlogin.Logs/run/auth.sock"),
        AppUpstream = Upstream.Parse("127.0.0.1:40001"),
        SessionGate = new NginxSessionGate("/tmp/shlogin.Logs/run/nginx/sessions", "shlogin_9123_gate", "token-user"),
    };

    [Fact]
    public void Errors_go_to_stderr_only_and_no_access_log_is_written()
    {
        var config = NginxConfigTree.Parse(NginxConfigRenderer.Render(Site, new NginxRuntimePaths("/tmp/shlogin.Logs/run"), workerUser: null, NginxWorkerLimits.For(2, 20000)));

        Assert.All(config.Descendants().Where(d => d.Name == "error_log"), d => Assert.Equal("stderr", d.Arguments[0]));
        Assert.Single(config.Children("error_log"));
        Assert.All(config.Descendants().Where(d => d.Name == "access_log"), d => Assert.Equal(["off"], d.Arguments));
        Assert.DoesNotContain(config.Descendants(), d => d.Name is "log_format" or "open_log_file_cache" or "log_subrequest" or "debug_connection");
    }
}
