using ShLogin.Nginx;
using Xunit;

namespace ShLogin.Core.Tests.Nginx;

public sealed class NginxValueTests
{
    [Theory]
    [InlineData("/tmp/plain", "\"/tmp/plain\"")]
    [InlineData("/home/Jane Doe/#1", "\"/home/Jane Doe/#1\"")]
    [InlineData("/tmp/caf\u00e9", "\"/tmp/caf\u00e9\"")]
    public void Quote_wraps_safe_values_in_double_quotes(string value, string expected)
    {
        Assert.Equal(expected, NginxValue.Quote(value, "A path"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\"b")]
    [InlineData("a'b")]
    [InlineData("a\\b")]
    [InlineData("a$b")]
    [InlineData("a;b")]
    [InlineData("a{b")]
    [InlineData("a}b")]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    [InlineData("a\tb")]
    [InlineData("a\u0000b")]
    [InlineData("a\u007fb")]
    [InlineData("a\u0085b")]
    public void Quote_refuses_what_nginx_would_read_as_syntax(string value)
    {
        var exception = Assert.Throws<ArgumentException>(() => NginxValue.Quote(value, "A path"));

        Assert.StartsWith("A path", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', exception.Message);
    }
}
