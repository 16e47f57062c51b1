using ShLogin.Demo.Hosting;

namespace ShLogin.Demo.Tests.Hosting;

public class ListenAddressTests
{
    [Theory]
    [InlineData("http://unix:/run/user/1000/sh-login.x/app.sock", "http://unix:/run/user/1000/sh-login.x/app.sock", "/run/user/1000/sh-login.x/app.sock")]
    [InlineData("HTTP://UNIX:/tmp/app.sock", "http://unix:/tmp/app.sock", "/tmp/app.sock")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080", null)]
    [InlineData("http://127.0.0.1:8080/", "http://127.0.0.1:8080", null)]
    [InlineData("http://127.1.2.3:0", "http://127.1.2.3:0", null)]
    [InlineData("http://[::1]:9000", "http://[::1]:9000", null)]
    public void Unix_sockets_and_loopback_ports_are_accepted(string url, string expectedUrl, string? expectedSocket)
    {
        var address = ListenAddress.Parse(url);

        Assert.Equal(expectedUrl, address.Url);
        Assert.Equal(expectedSocket, address.SocketPath);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://[::]:8080")]
    [InlineData("http://192.168.1.10:8080")]
    [InlineData("http://localhost:8080")]
    [InlineData("http://*:8080")]
    [InlineData("http://+:8080")]
    [InlineData("https://127.0.0.1:8080")]
    [InlineData("http://user@127.0.0.1:8080")]
    [InlineData("http://127.0.0.1:8080/base")]
    [InlineData("http://127.0.0.1:8080?x")]
    [InlineData("http://127.0.0.1:99999")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("8080")]
    [InlineData("")]
    [InlineData("http://unix:relative/app.sock")]
    [InlineData("http://unix:")]
    [InlineData("http://unix:/tmp/app.sock:/base")]
    [InlineData("http://unix:/tmp/dir/")]
    [InlineData("http://unix:/tmp/a\nb.sock")]
    public void Anything_else_is_refused_with_a_reason(string url)
    {
        var error = Assert.Throws<DemoListenException>(() => ListenAddress.Parse(url));

        Assert.DoesNotContain('\n', error.Message);
        Assert.NotEmpty(error.Message);
    }

    [Fact]
    public void A_socket_path_longer_than_the_kernel_takes_is_refused()
    {
        var path = "/tmp/" + new string('a', ListenAddress.MaxSocketPathBytes - "/tmp/".Length);
        Assert.Equal(path, ListenAddress.ForSocket(path).SocketPath);

        var error = Assert.Throws<DemoListenException>(() => ListenAddress.ForSocket(path + "a"));
        Assert.Contains("at most 107 bytes", error.Message, StringComparison.Ordinal);
    }
}
