using Microsoft.Extensions.Primitives;
using ShLogin.Demo.Endpoints;

namespace ShLogin.Demo.Tests.Endpoints;

public class WebSocketOriginTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080", "127.0.0.1:8080")]
    [InlineData("https://Lab.Example.org", "lab.example.org")]
    [InlineData("http://[::1]:9000", "[::1]:9000")]
    public void An_origin_naming_the_requested_host_is_allowed(string origin, string host)
    {
        Assert.True(WebSocketOrigin.IsAllowed(origin, host));
    }

    [Fact]
    public void A_client_without_origin_is_allowed()
    {
        Assert.True(WebSocketOrigin.IsAllowed(StringValues.Empty, "127.0.0.1:8080"));
        Assert.True(WebSocketOrigin.IsAllowed(string.Empty, "127.0.0.1:8080"));
    }

    [Theory]
    [InlineData("http://evil.example", "lab.example.org")]
    [InlineData("http://127.0.0.1:8081", "127.0.0.1:8080")]
    [InlineData("http://127.0.0.1", "127.0.0.1:8080")]
    [InlineData("null", "lab.example.org")]
    [InlineData("lab.example.org", "lab.example.org")]
    [InlineData("ws://lab.example.org", "lab.example.org")]
    [InlineData("file://lab.example.org", "lab.example.org")]
    [InlineData("http://", "")]
    [InlineData("http://lab.example.org/", "lab.example.org")]
    [InlineData("http://evil.example@lab.example.org", "lab.example.org")]
    [InlineData("http://lab.example.org@evil.example", "lab.example.org@evil.example")]
    [InlineData("http://lab.example.org ", "lab.example.org ")]
    [InlineData("http://lab.example.org\r\n", "lab.example.org\r\n")]
    [InlineData("http://lab.example.org", "")]
    public void Any_other_origin_is_refused(string origin, string host)
    {
        Assert.False(WebSocketOrigin.IsAllowed(origin, host));
    }

    [Fact]
    public void Several_origins_or_hosts_are_refused()
    {
        Assert.False(WebSocketOrigin.IsAllowed(new StringValues(["http://a.example", "http://a.example"]), "a.example"));
        Assert.False(WebSocketOrigin.IsAllowed("http://a.example", new StringValues(["a.example", "a.example"])));
        Assert.False(WebSocketOrigin.IsAllowed("http://a.example", StringValues.Empty));
    }
}
