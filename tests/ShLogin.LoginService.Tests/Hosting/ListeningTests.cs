using System.Net;
using System.Net.Sockets;
using ShLogin.Configuration;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Hosting;

/// <summary>The service on real Kestrel sockets, as <c>sh-login serve</c> runs it.</summary>
public class ListeningTests
{
    private static LoginServiceOptions Options(TemporaryDirectory directory) =>
        LoginServiceHost.OptionsFor(AuthMode.Token, directory.Combine("data"), LoginServiceHost.NewClock());

    private static HttpClient UnixSocketClient(string socketPath) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    {
        BaseAddress = new Uri("http://localhost"),
    };

    [Fact]
    public async Task On_a_unix_socket_the_socket_is_private_and_answers()
    {
        using var directory = new TemporaryDirectory();
        var socketPath = directory.Combine("auth.sock");

        await using (var app = LoginServiceApp.Create(Options(directory), [$"http://unix:{socketPath}"]))
        {
            await app.StartAsync(TestContext.Current.CancellationToken);

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socketPath));
            using var client = UnixSocketClient(socketPath);
            using var health = await client.GetAsync("/auth/healthz", TestContext.Current.CancellationToken);
            using var check = await client.GetAsync("/auth/check", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, check.StatusCode);
            Assert.False(health.Headers.Contains("Server"));
            await app.StopAsync(TestContext.Current.CancellationToken);
        }

        Assert.False(File.Exists(socketPath));
    }

    [Fact]
    public async Task A_stale_socket_file_is_replaced()
    {
        using var directory = new TemporaryDirectory();
        var socketPath = directory.Combine("auth.sock");
        // A socket file whose process is gone. (.NET removes the file it bound when the socket is
        // closed, so bind elsewhere and move the socket file into place first.)
        var boundPath = directory.Combine("bound.sock");
        using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            dead.Bind(new UnixDomainSocketEndPoint(boundPath));
            File.Move(boundPath, socketPath);
        }

        Assert.True(File.Exists(socketPath));

        await using var app = LoginServiceApp.Create(Options(directory), [$"http://unix:{socketPath}"]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = UnixSocketClient(socketPath);
        using var health = await client.GetAsync("/auth/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_socket_somebody_listens_on_is_not_taken_over()
    {
        using var directory = new TemporaryDirectory();
        var socketPath = directory.Combine("auth.sock");
        using var live = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        live.Bind(new UnixDomainSocketEndPoint(socketPath));
        live.Listen();

        var error = Assert.Throws<LoginServiceOptionsException>(() => LoginServiceApp.Create(Options(directory), [$"http://unix:{socketPath}"]));

        Assert.Contains(socketPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("listening", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regular_file_in_the_way_is_not_deleted()
    {
        using var directory = new TemporaryDirectory();
        var socketPath = directory.Combine("auth.sock");
        File.WriteAllText(socketPath, "precious");

        Assert.Throws<LoginServiceOptionsException>(() => LoginServiceApp.Create(Options(directory), [$"http://unix:{socketPath}"]));

        Assert.Equal("precious", File.ReadAllText(socketPath));
    }

    [Fact]
    public async Task On_a_loopback_port_the_service_answers()
    {
        using var directory = new TemporaryDirectory();
        await using var app = LoginServiceApp.Create(Options(directory), ["http://127.0.0.1:0"]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = Assert.Single(app.Urls);

        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using var health = await client.GetAsync("/auth/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void An_empty_list_of_addresses_is_refused()
    {
        using var directory = new TemporaryDirectory();

        var error = Assert.Throws<LoginServiceOptionsException>(() => LoginServiceApp.Create(Options(directory), []));

        Assert.Contains("http://unix:", error.Message, StringComparison.Ordinal);
    }
}
