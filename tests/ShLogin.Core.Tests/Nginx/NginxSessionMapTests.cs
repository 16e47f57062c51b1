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
        "../../../../../../../etc/passwd",
        "0123456789abcdef/123456789abcdef",
    };

    [Theory]
    [MemberData(nameof(HostileKeys))]
    public void Refuses_any_key_but_32_lowercase_hex_digits(string key)
    {
        Assert.False(NginxSessionMap.IsValidKey(key));
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
        Assert.Throws<ArgumentException>(() => new NginxSessionGate("/tmp/run/sessions", "shlogin_gate", user));
    }

    [Fact]
    public void Accepts_the_users_the_login_service_names()
    {
        Assert.True(NginxSessionMap.IsValidKey(Key));
        Assert.All(["token-user", "totp-user", "token-totp-user"], user => Assert.True(NginxSessionMap.IsValidUser(user)));
    }
}
