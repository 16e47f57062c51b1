using ShLogin.Nginx;
using Xunit;

namespace ShLogin.Core.Tests.Nginx;

public sealed class ListenEndpointTests
{
    [Theory]
    [InlineData("127.0.0.1:8080", "127.0.0.1", 8080, "127.0.0.1:8080")]
    [InlineData("0.0.0.0:443", "0.0.0.0", 443, "0.0.0.0:443")]
    [InlineData("[::]:8080", "::", 8080, "[::]:8080")]
    [InlineData("localhost:9000", "localhost", 9000, "localhost:9000")]
    [InlineData("80", null, 80, "80")]
    public void Parse_accepts_addresses_and_bare_ports(string text, string? address, int port, string listen)
    {
        var endpoint = ListenEndpoint.Parse(text);

        Assert.Equal(address, endpoint.Address);
        Assert.Equal(port, endpoint.Port);
        Assert.Equal(listen, endpoint.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("70000")]
    [InlineData("127.0.0.1:80; ssl")]
    [InlineData("127.0.0.1:80 ssl")]
    [InlineData("127.0.0.1:80\n")]
    [InlineData("a{b:80")]
    [InlineData("\"a\":80")]
    [InlineData("unix:/tmp/x.sock")]
    [InlineData("::1:80")]
    public void Parse_rejects_invalid_text_with_one_line(string text)
    {
        Assert.False(ListenEndpoint.TryParse(text, out var endpoint, out var error));

        Assert.Null(endpoint);
        Assert.StartsWith("\"", error, StringComparison.Ordinal);
        Assert.Contains("HOST:PORT", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        Assert.Throws<FormatException>(() => ListenEndpoint.Parse(text));
    }

    [Fact]
    public void Constructor_validates_its_parts()
    {
        Assert.Equal("127.0.0.1:1", new ListenEndpoint("127.0.0.1", 1).ToString());
        Assert.Throws<ArgumentException>(() => new ListenEndpoint("127.0.0.1;", 80));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ListenEndpoint(null, 65536));
    }
}
