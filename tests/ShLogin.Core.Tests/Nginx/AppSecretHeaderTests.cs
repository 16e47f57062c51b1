using ShLogin.Nginx;
using Xunit;

namespace ShLogin.Core.Tests.Nginx;

public sealed class AppSecretHeaderTests
{
    [Fact]
    public void Keeps_a_valid_name_and_value()
    {
        var header = new AppSecretHeader("Authorization", "token 0123abcdef");

        Assert.Equal("Authorization", header.Name);
        Assert.Equal("token 0123abcdef", header.Value);
    }

    [Fact]
    public void ToString_hides_the_value()
    {
        var header = new AppSecretHeader("Authorization", "token 0123abcdef");

        Assert.DoesNotContain("0123abcdef", header.ToString(), StringComparison.Ordinal);
        Assert.Contains("Authorization", header.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_printed_as_a_record_do_not_show_the_secret()
    {
        var site = new NginxSiteOptions
        {
            Listen = new ListenEndpoint("127.0.0.1", 8080),
            AuthUpstream = Upstream.Parse("9090"),
            AppUpstream = Upstream.Parse("8888"),
            AppSecretHeader = new AppSecretHeader("Authorization", "token 0123abcdef"),
        };

        Assert.DoesNotContain("0123abcdef", site.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("X Secret")]
    [InlineData("X-Secret:")]
    [InlineData("X-Secret\n")]
    [InlineData("X;Secret")]
    [InlineData("Host")]
    [InlineData("connection")]
    [InlineData("X-ShLogin-User")]
    [InlineData("x-forwarded-for")]
    public void Rejects_names_that_are_not_tokens_or_are_set_by_nginx(string name)
    {
        Assert.Throws<ArgumentException>(() => new AppSecretHeader(name, "token abc"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" token")]
    [InlineData("token ")]
    [InlineData("token abc\n")]
    [InlineData("token abc\r\nX-Other: 1")]
    [InlineData("token \"abc\"")]
    [InlineData("token 'abc'")]
    [InlineData("token $abc")]
    [InlineData("token abc;")]
    [InlineData("token {abc}")]
    [InlineData("token a\\bc")]
    [InlineData("token \u00e9")]
    [InlineData("token \u0000")]
    public void Rejects_values_nginx_or_http_cannot_carry_without_echoing_them(string value)
    {
        var exception = Assert.Throws<ArgumentException>(() => new AppSecretHeader("Authorization", value));

        if (value.Length > 0)
        {
            Assert.DoesNotContain(value, exception.Message, StringComparison.Ordinal);
        }
    }
}
