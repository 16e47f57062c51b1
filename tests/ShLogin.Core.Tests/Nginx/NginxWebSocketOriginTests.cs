using ShLogin.Nginx;
using Xunit;

namespace ShLogin.Core.Tests.Nginx;

/// <summary>
/// nginx's WebSocket Origin check: an upgrade passes only without Origin (not a browser) or with
/// the site's own origin, the scheme and exactly the <c>host:port</c> the browser sent in Host.
/// </summary>
public sealed class NginxWebSocketOriginTests
{
    private static readonly NginxSiteOptions Site = new()
    {
        Listen = new ListenEndpoint("127.0.0.1", 9123),
        AuthUpstream = Upstream.Parse("127.0.0.1:9090"),
        AppUpstream = Upstream.Parse("127.0.0.1:40001"),
    };

    [Theory]
    [InlineData("http://127.0.0.1:9123", "127.0.0.1:9123")]
    [InlineData("https://jupyter.example.org", "jupyter.example.org")]
    [InlineData("http://localhost:8888", "localhost:8888")]
    [InlineData("http://[::1]:9123", "[::1]:9123")]
    [InlineData("HTTP://LOCALHOST:8888", "localhost:8888")]
    [InlineData("", "127.0.0.1:9123")]
    public void Own_origin_or_no_origin_upgrades(string origin, string host)
    {
        Assert.Equal("0", Mismatch("websocket", origin, host));
    }

    [Theory]
    [InlineData("http://evil.example", "127.0.0.1:9123")]
    [InlineData("null", "127.0.0.1:9123")]
    [InlineData("http://127.0.0.1:5555", "127.0.0.1:9123")]
    [InlineData("http://localhost:9123", "127.0.0.1:9123")]
    [InlineData("http://127.0.0.1:9123.evil.example", "127.0.0.1:9123")]
    [InlineData("http://127.0.0.1:91234", "127.0.0.1:9123")]
    [InlineData("http://127.0.0.1:912", "127.0.0.1:9123")]
    [InlineData("http://127.0.0.1:9123/", "127.0.0.1:9123")]
    [InlineData("http://a@127.0.0.1:9123", "127.0.0.1:9123")]
    [InlineData("http://127.0.0.1:5555", "127.0.0.1")]
    [InlineData("http://127.0.0.1", "127.0.0.1:9123")]
    [InlineData("http://[::1]:5555", "[::1]:9123")]
    [InlineData("http://[::2]:9123", "[::1]:9123")]
    [InlineData("ws://127.0.0.1:9123", "127.0.0.1:9123")]
    [InlineData("file://", "127.0.0.1:9123")]
    [InlineData("http://127.0.0.1:9123 http://127.0.0.1:9123", "127.0.0.1:9123")]
    [InlineData("http://evil.example|127.0.0.1:9123", "127.0.0.1:9123")]
    [InlineData("http://127.0.0.1:9123", "")]
    public void Any_other_origin_is_a_mismatch(string origin, string host)
    {
        Assert.Equal("1", Mismatch("websocket", origin, host));
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    public void Requests_that_do_not_upgrade_are_not_checked(string origin)
    {
        Assert.Equal("0", Mismatch(string.Empty, origin, "127.0.0.1:9123"));
    }

    [Fact]
    public void Is_on_by_default_in_front_of_every_app_location()
    {
        var gated = Site with { SessionGate = new NginxSessionGate("/tmp/x/sessions", "shlogin_session_gate", "token-user") };
        foreach (var site in new[] { Site, gated })
        {
            var server = NginxConfigTree.Parse(NginxSnippetRenderer.Render(site)).Single("server");

            server.Single("location", "/").Single("if", "($shlogin_websocket_origin_mismatch)").Single("return", "403");
        }
    }

    private static string Mismatch(string upgrade, string origin, string host)
    {
        var config = NginxConfigTree.Parse(NginxSnippetRenderer.Render(Site));
        var request = new Dictionary<string, string> { ["http_upgrade"] = upgrade, ["http_origin"] = origin, ["http_host"] = host };
        return new NginxMapEvaluator(config, request).Get("$shlogin_websocket_origin_mismatch");
    }
}
