using ShLogin.LoginService.Security;

namespace ShLogin.LoginService.Tests.Security;

public class NextPathTests
{
    public static TheoryData<string> HostileOrInvalid => new()
    {
        "",
        "//evil.example",
        "//evil.example/path",
        "/\\evil.example",
        "\\\\evil.example",
        "/path\\with\\backslash",
        "https://evil.example",
        "http://evil.example/",
        "HTTPS://evil.example",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,hi",
        "evil.example",
        "relative/path",
        "/%2F%2Fevil.example",
        "/%2fevil.example",
        "/%5Cevil.example",
        "/%5cevil.example",
        "/%252F%252Fevil.example",
        "/%25252F%25252Fevil.example",
        "/app\r\nSet-Cookie: x=y",
        "/app\nLocation: //evil.example",
        "/app%0d%0aSet-Cookie:%20x=y",
        "/\t/evil.example",
        "/app\tpath",
        "/app path",
        "/café",
        "/app\u2028",
        "/\u00A0/evil.example",
        " /app",
        "/app\0",
        "/" + new string('a', NextPath.MaxLength),
    };

    [Theory]
    [MemberData(nameof(HostileOrInvalid))]
    public void Hostile_or_invalid_next_becomes_the_site_root(string next)
    {
        Assert.False(NextPath.IsSafe(next));
        Assert.Equal("/", NextPath.Sanitize(next));
    }

    [Fact]
    public void A_missing_next_becomes_the_site_root()
    {
        Assert.False(NextPath.IsSafe(null));
        Assert.Equal("/", NextPath.Sanitize(null));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/app")]
    [InlineData("/lab/tree/notebook.ipynb?kernel=python3#cell-2")]
    [InlineData("/notebooks/My%20Notebook.ipynb")]
    [InlineData("/caf%C3%A9")]
    [InlineData("/a/b//c")]
    [InlineData("/a%2Fb")]
    [InlineData("/search?q=https://example.org")]
    [InlineData("/?next=//x")]
    public void Same_site_paths_are_kept(string next)
    {
        Assert.True(NextPath.IsSafe(next));
        Assert.Equal(next, NextPath.Sanitize(next));
    }

    [Fact]
    public void A_path_of_exactly_the_maximum_length_is_kept()
    {
        var longest = "/" + new string('a', NextPath.MaxLength - 1);

        Assert.Equal(longest, NextPath.Sanitize(longest));
    }
}
