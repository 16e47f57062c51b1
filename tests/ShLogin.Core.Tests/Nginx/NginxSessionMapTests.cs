using ShLogin.Nginx;
using Xunit;

namespace ShLogin.Core.Tests.Nginx;

public sealed class NginxSessionMapTests
{
    private const string Key = "0123456789abcdef0123456789abcdef";

    public static TheoryData<string> HostileKeys => new()
    {
        "",
        "0123456789abcdef0123456789abcde",
        "0123456789abcdef0123456789abcdef0",
        "0123456789ABCDEF0123456789ABCDEF",
        "0123456789abcdef0123456789abcde ",
        "0123456789abcdef0123456789abcd;x",
        "0123456789abcdef\n0123456789abcde",
        "0123456789abcdef\"0123456789abcde",
        "0123456789abcdef'0123456789abcde",
        "~123456789abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcd}{",
        "0123456789abcdef0123456789abc$x1",
        "default",
        "include",
        "０123456789abcdef0123456789abcdef",
        "g123456789abcdef0123456789abcdef",
    };

    [Fact]
    public void Writes_one_line_per_session()
    {
        var text = NginxSessionMap.Render([new(Key, "token-user"), new("fedcba9876543210fedcba9876543210", "totp-user")]);

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("#", lines[0], StringComparison.Ordinal);
        Assert.Equal([$"{Key} token-user;", "fedcba9876543210fedcba9876543210 totp-user;"], lines[1..]);
    }

    [Fact]
    public void An_empty_list_is_a_map_without_entries()
    {
        var text = NginxSessionMap.Render([]);

        Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("#", line, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(HostileKeys))]
    public void Refuses_any_key_but_32_lowercase_hex_digits(string key)
    {
        Assert.False(NginxSessionMap.IsValidKey(key));
        Assert.Throws<ArgumentException>(() => NginxSessionMap.Render([new(Key, "token-user"), new(key, "token-user")]));
    }

    [Fact]
    public void Refuses_a_missing_key()
    {
        Assert.False(NginxSessionMap.IsValidKey(null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("token user")]
    [InlineData("token-user;")]
    [InlineData("token-user\n")]
    [InlineData("\"token\"")]
    [InlineData("$host")]
    [InlineData("ünïcode")]
    public void Refuses_user_names_nginx_could_read_as_syntax(string user)
    {
        Assert.False(NginxSessionMap.IsValidUser(user));
        Assert.Throws<ArgumentException>(() => NginxSessionMap.Render([new(Key, user)]));
    }

    [Fact]
    public void Accepts_the_users_the_login_service_names()
    {
        Assert.True(NginxSessionMap.IsValidKey(Key));
        Assert.All(["token-user", "totp-user", "token-totp-user"], user => Assert.True(NginxSessionMap.IsValidUser(user)));
    }
}
