using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ShLogin.Demo.Tests.TestSupport;

namespace ShLogin.Demo.Tests.Hosting;

/// <summary>The demo app on real Kestrel sockets, as <c>sh-login demo</c> runs it.</summary>
public class ListeningTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_a_unix_socket_the_socket_is_0600_answers_and_is_removed_at_stop()
    {
        using var directory = new TemporaryDirectory();
        var socketPath = directory.Combine("app.sock");

        await using (var app = DemoApp.Create([$"http://unix:{socketPath}"]))
        {
            await app.StartAsync(Cancellation);

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socketPath));
            using var client = UnixSocketHttp.Client(socketPath);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("X-ShLogin-User", "bob");
            using var page = await client.SendAsync(request, Cancellation);
            var html = await page.Content.ReadAsStringAsync(Cancellation);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Signed in as <strong>bob</strong>", html, StringComparison.Ordinal);
            Assert.False(page.Headers.Contains("Server"));
            await app.StopAsync(Cancellation);
        }

        Assert.False(File.Exists(socketPath));
    }

    [Fact]
    public async Task A_stale_socket_file_is_replaced()
    {
        using var directory = new TemporaryDirectory();
        var socketPath = directory.Combine("app.sock");
        // A socket file whose process is gone. (.NET removes the file it bound when the socket is
        // closed, so bind elsewhere and move the socket file into place first.)
        var boundPath = directory.Combine("bound.sock");
        using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            dead.Bind(new UnixDomainSocketEndPoint(boundPath));
            File.Move(boundPath, socketPath);
        }

        Assert.True(File.Exists(socketPath));

        await using var app = DemoApp.Create([$"http://unix:{socketPath}"]);
        await app.StartAsync(Cancellation);
        using var client = UnixSocketHttp.Client(socketPath);
        using var health = await client.GetAsync("/healthz", Cancellation);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await app.StopAsync(Cancellation);
    }

    [Fact]
    public void A_socket_somebody_listens_on_is_not_taken_over()
    {
        using var directory = new TemporaryDirectory();
        var socketPath = directory.Combine("app.sock");
        using var live = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        live.Bind(new UnixDomainSocketEndPoint(socketPath));
        live.Listen();

        var error = Assert.Throws<DemoListenException>(() => DemoApp.Create([$"http://unix:{socketPath}"]));

        Assert.Contains("another process is listening there", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(socketPath));
    }

    [Fact]
    public void A_file_or_directory_in_the_way_is_left_alone()
    {
        using var directory = new TemporaryDirectory();
        var filePath = directory.Combine("file.sock");
        File.WriteAllText(filePath, "keep me");
        var directoryPath = directory.Combine("dir.sock");
        Directory.CreateDirectory(directoryPath);

        var fileError = Assert.Throws<DemoListenException>(() => DemoApp.Create([$"http://unix:{filePath}"]));
        var directoryError = Assert.Throws<DemoListenException>(() => DemoApp.Create([$"http://unix:{directoryPath}"]));

        Assert.Contains("a regular file is in the way", fileError.Message, StringComparison.Ordinal);
        Assert.Contains("a directory is in the way", directoryError.Message, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(filePath));
        Assert.True(Directory.Exists(directoryPath));
    }

    [Fact]
    public void A_socket_in_a_missing_directory_is_refused()
    {
        using var directory = new TemporaryDirectory();
        var socketPath = directory.Combine("missing", "app.sock");

        var error = Assert.Throws<DemoListenException>(() => DemoApp.Create([$"http://unix:{socketPath}"]));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_address_at_all_is_refused()
    {
        Assert.Throws<DemoListenException>(() => DemoApp.Create([]));
    }

    [Fact]
    public void An_address_other_hosts_reach_is_refused()
    {
        var error = Assert.Throws<DemoListenException>(() => DemoApp.Create(["http://0.0.0.0:8080"]));

        Assert.Contains("http://0.0.0.0:8080", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_loopback_port_it_answers_only_there()
    {
        await using var app = DemoApp.Create(["http://127.0.0.1:0"]);
        await app.StartAsync(Cancellation);
        var address = Assert.Single(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses);

        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using var health = await client.GetAsync("/healthz", Cancellation);

        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await app.StopAsync(Cancellation);
    }
}
