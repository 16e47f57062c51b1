using ShLogin.Nginx;
using Xunit;

namespace ShLogin.Core.Tests.Nginx;

public sealed class UpstreamTests
{
    [Theory]
    [InlineData("127.0.0.1:8888", "127.0.0.1", 8888)]
    [InlineData("localhost:1", "localhost", 1)]
    [InlineData("app.internal.example.org:65535", "app.internal.example.org", 65535)]
    [InlineData("[::1]:9090", "::1", 9090)]
    [InlineData("8888", "127.0.0.1", 8888)]
    public void Parse_accepts_tcp_addresses(string text, string host, int port)
    {
        var upstream = Upstream.Parse(text);

        Assert.False(upstream.IsUnixSocket);
        Assert.Equal(host, upstream.Host);
        Assert.Equal(port, upstream.Port);
        Assert.Null(upstream.SocketPath);
    }

    [Theory]
    [InlineData("127.0.0.1:8888", "127.0.0.1:8888")]
    [InlineData("[::1]:9090", "[::1]:9090")]
    [InlineData("8888", "127.0.0.1:8888")]
    [InlineData("unix:/run/user/1000/shlogin/app.sock", "unix:/run/user/1000/shlogin/app.sock")]
    public void ToString_is_the_nginx_server_address(string text, string expected)
    {
        Assert.Equal(expected, Upstream.Parse(text).ToString());
    }

    [Fact]
    public void Parse_accepts_an_absolute_unix_socket_with_spaces()
    {
        var upstream = Upstream.Parse("unix:/home/Jane Doe/tmp/app.sock");

        Assert.True(upstream.IsUnixSocket);
        Assert.Equal("/home/Jane Doe/tmp/app.sock", upstream.SocketPath);
        Assert.Null(upstream.Host);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("abc", "neither HOST:PORT nor a port")]
    [InlineData("127.0.0.1", "neither HOST:PORT nor a port")]
    [InlineData("127.0.0.1:0", "1 to 65535")]
    [InlineData("127.0.0.1:65536", "1 to 65535")]
    [InlineData("127.0.0.1:-1", "1 to 65535")]
    [InlineData("127.0.0.1:+80", "1 to 65535")]
    [InlineData("127.0.0.1: 80", "1 to 65535")]
    [InlineData("127.0.0.1:80 ", "1 to 65535")]
    [InlineData("127.0.0.1:0x50", "1 to 65535")]
    [InlineData("127.0.0.1:", "1 to 65535")]
    [InlineData(":8080", "host is empty")]
    [InlineData("127.1:80", "IPv4")]
    [InlineData("1.2.3.4.5:80", "IPv4")]
    [InlineData("300.0.0.1:80", "IPv4")]
    [InlineData("::1:80", "brackets")]
    [InlineData("[::1]", "followed by :PORT")]
    [InlineData("[127.0.0.1]:80", "only IPv6")]
    [InlineData("[::1%eth0]:80", "IPv6")]
    [InlineData("http://127.0.0.1:8888", "URL")]
    [InlineData("unix:", "absolute")]
    [InlineData("unix:app.sock", "absolute")]
    [InlineData("unix:/tmp/dir/", "directory")]
    [InlineData("unix:/tmp/a:b.sock", "':'")]
    public void Parse_rejects_with_a_reason(string text, string reason)
    {
        Assert.False(Upstream.TryParse(text, out var upstream, out var error));

        Assert.Null(upstream);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Contains("unix:/absolute/path.sock", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Theory]
    [InlineData("127.0.0.1:80;\nserver evil:80")]
    [InlineData("host;evil:80")]
    [InlineData("host{:80")]
    [InlineData("ho\"st:80")]
    [InlineData("ho'st:80")]
    [InlineData("$host:80")]
    [InlineData("host\n:80")]
    [InlineData("host name:80")]
    [InlineData("unix:/tmp/a.sock;\n}")]
    [InlineData("unix:/tmp/a.sock\n")]
    [InlineData("unix:/tmp/a\".sock")]
    [InlineData("unix:/tmp/a'.sock")]
    [InlineData("unix:/tmp/$a.sock")]
    [InlineData("unix:/tmp/{a}.sock")]
    [InlineData("unix:/tmp/a\\.sock")]
    [InlineData("unix:/tmp/a\u0000.sock")]
    public void Parse_rejects_text_nginx_would_read_as_syntax(string text)
    {
        Assert.False(Upstream.TryParse(text, out _, out var error));

        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain('\0', error);
    }

    [Fact]
    public void Parse_rejects_a_socket_path_longer_than_the_kernel_allows()
    {
        var longest = "/" + new string('s', Upstream.MaxUnixSocketPathBytes - 1);

        Assert.True(Upstream.TryParse("unix:" + longest, out _, out _));
        Assert.False(Upstream.TryParse("unix:" + longest + "s", out _, out var error));
        Assert.Contains("107 bytes", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_throws_a_format_exception_with_the_same_message()
    {
        Assert.False(Upstream.TryParse("nope", out _, out var error));

        var exception = Assert.Throws<FormatException>(() => Upstream.Parse("nope"));

        Assert.Equal(error, exception.Message);
    }

    [Fact]
    public void Factories_validate_like_parse()
    {
        Assert.Equal(Upstream.Parse("localhost:80"), Upstream.Tcp("localhost", 80));
        Assert.Equal(Upstream.Parse("unix:/a.sock"), Upstream.UnixSocket("/a.sock"));
        Assert.Throws<ArgumentException>(() => Upstream.Tcp("a;b", 80));
        Assert.Throws<ArgumentOutOfRangeException>(() => Upstream.Tcp("localhost", 0));
        Assert.Throws<ArgumentException>(() => Upstream.UnixSocket("relative.sock"));
        Assert.Throws<ArgumentException>(() => Upstream.UnixSocket("/a.sock\n"));
    }
}
