using ShLogin.Nginx;
using Xunit;

namespace ShLogin.Core.Tests.Nginx;

public sealed class NginxSiteOptionsTests
{
    [Theory]
    [InlineData("jupyter.example.org", "jupyter.example.org")]
    [InlineData("a.example.org  b.example.org", "a.example.org b.example.org")]
    [InlineData("*.example.org", "*.example.org")]
    [InlineData("www.example.*", "www.example.*")]
    [InlineData("_", "_")]
    public void ServerName_accepts_host_names(string value, string expected)
    {
        Assert.Equal(expected, Site(value).ServerName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a;b")]
    [InlineData("a.example.org;\n}")]
    [InlineData("a{b")]
    [InlineData("\"a\"")]
    [InlineData("'a'")]
    [InlineData("$host")]
    [InlineData("~^(.*)\\.example\\.org$")]
    [InlineData("a.example.org\n")]
    [InlineData("exa mple\tb")]
    public void ServerName_rejects_anything_but_host_names(string value)
    {
        var exception = Assert.Throws<ArgumentException>(() => Site(value));

        Assert.Contains("server name", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', exception.Message);
    }

    private static NginxSiteOptions Site(string serverName) => new()
    {
        Listen = new ListenEndpoint(null, 80),
        ServerName = serverName,
        AuthUpstream = Upstream.Parse("9090"),
        AppUpstream = Upstream.Parse("8888"),
    };
}
