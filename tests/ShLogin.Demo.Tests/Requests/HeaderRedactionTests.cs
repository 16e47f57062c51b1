using Microsoft.Extensions.Primitives;
using ShLogin.Demo.Requests;

namespace ShLogin.Demo.Tests.Requests;

public class HeaderRedactionTests
{
    [Theory]
    [InlineData("Authorization", "token 0123456789abcdef")]
    [InlineData("authorization", "Bearer x")]
    [InlineData("Proxy-Authorization", "Basic dXNlcjpwYXNz")]
    [InlineData("X-App-Secret", "s3cret")]
    [InlineData("X-Auth-Token", "abc")]
    [InlineData("X-Api-Key", "abc")]
    [InlineData("X-Password", "hunter2")]
    public void Credential_headers_show_only_their_length(string name, string value)
    {
        var shown = HeaderRedaction.Shown(name, value);

        Assert.Equal($"(hidden, {value.Length} characters)", shown);
    }

    [Theory]
    [InlineData("a=1; b=2", "a=(hidden); b=(hidden)")]
    [InlineData("shlogin=x=y=z", "shlogin=(hidden)")]
    [InlineData("  spaced = value ;; other=", "spaced=(hidden); other=(hidden)")]
    [InlineData("nameless", "=(hidden)")]
    [InlineData("a=1,secretpart=2", "a=(hidden)")]
    [InlineData("", "")]
    public void Cookies_show_their_names_only(string cookie, string expected)
    {
        Assert.Equal(expected, HeaderRedaction.Shown("Cookie", cookie));
    }

    [Fact]
    public void Several_cookie_lines_are_all_hidden()
    {
        var shown = HeaderRedaction.Shown("cookie", new StringValues(["a=SECRET1", "b=SECRET2"]));

        Assert.Equal("a=(hidden); b=(hidden)", shown);
    }

    [Theory]
    [InlineData("X-ShLogin-User", "alice")]
    [InlineData("User-Agent", "Mozilla/5.0 <b>")]
    [InlineData("Host", "127.0.0.1:8080")]
    public void Other_headers_are_shown_as_they_came(string name, string value)
    {
        Assert.Equal(value, HeaderRedaction.Shown(name, value));
    }

    [Fact]
    public void Several_lines_of_a_header_are_joined()
    {
        Assert.Equal("a, b", HeaderRedaction.Shown("Accept", new StringValues(["a", "b"])));
    }
}
