using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using ShLogin.EndToEndTests.Infrastructure;

namespace ShLogin.EndToEndTests.SessionGate;

/// <summary>
/// Logins and logouts change nginx's list of sessions without reloading nginx: its workers stay
/// the same processes, so no old worker lingers for each WebSocket left open, open WebSockets keep
/// working, and a browser's idle keep-alive connection is never closed under it.
/// </summary>
public sealed class NoReloadTests
{
    private const int Logins = 20;
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("ping");

    [Fact]
    public async Task Twenty_logins_and_logouts_with_open_WebSockets_keep_the_same_workers_the_sockets_and_the_keep_alive_connection()
    {
        Requirements.Nginx();
        await using var stack = await StackProcess.StartAsync(StackOptions.Demo());
        var cancellation = TestContext.Current.CancellationToken;
        var workers = NginxWorkers(stack);
        Assert.NotEmpty(workers);

        // One browser's keep-alive connection, used before and after all the logins.
        var connects = 0;
        using var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = 1,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectCallback = async (context, token) =>
            {
                Interlocked.Increment(ref connects);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, token);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var keepAlive = new HttpClient(handler) { BaseAddress = stack.Url, Timeout = TimeSpan.FromSeconds(30) };
        using var owner = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        Assert.Equal(HttpStatusCode.OK, await GetAsync(keepAlive, owner.CookieHeader, cancellation));

        var clients = new List<SignedInClient>();
        var sockets = new List<ClientWebSocket>();
        try
        {
            for (var login = 0; login < Logins; login++)
            {
                var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
                clients.Add(client);
                var socket = await OpenWebSocketAsync(stack, client.CookieHeader, cancellation);
                sockets.Add(socket);
                await AssertEchoesAsync(socket, cancellation);
                if (login % 2 == 1)
                {
                    await SessionGateTests.LogOutAsync(clients[login - 1]);
                }
            }

            Assert.Equal(HttpStatusCode.OK, await GetAsync(keepAlive, owner.CookieHeader, cancellation));
            Assert.True(connects == 1, $"The keep-alive connection was closed during the logins: {connects} connections were opened.");
            Assert.True(
                workers.SetEquals(NginxWorkers(stack)),
                $"nginx's workers changed: {string.Join(", ", workers)} before, now {string.Join(", ", NginxWorkers(stack))}.\n{stack.Describe()}");
            foreach (var socket in sockets.Where((_, index) => index % 2 == 1 || index == Logins - 1))
            {
                await AssertEchoesAsync(socket, cancellation);
            }
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }

            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static HashSet<int> NginxWorkers(StackProcess stack) =>
        [.. stack.Descendants().Where(process => process.CommandLine.StartsWith("nginx: worker process", StringComparison.Ordinal)).Select(process => process.Id)];

    private static async Task<HttpStatusCode> GetAsync(HttpClient http, string cookieHeader, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookieHeader);
        using var answer = await http.SendAsync(request, cancellation);
        await answer.Content.ReadAsByteArrayAsync(cancellation);
        return answer.StatusCode;
    }

    private static async Task<ClientWebSocket> OpenWebSocketAsync(StackProcess stack, string cookieHeader, CancellationToken cancellation)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", cookieHeader);
        socket.Options.SetRequestHeader("Origin", stack.Url.GetLeftPart(UriPartial.Authority));
        var url = new UriBuilder(stack.Url) { Scheme = "ws", Path = "/ws" }.Uri;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(url, timeout.Token);
        return socket;
    }

    private static async Task AssertEchoesAsync(ClientWebSocket socket, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await socket.SendAsync(Ping, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        var buffer = new byte[256];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal(WebSocketMessageType.Text, received.MessageType);
        Assert.Contains("ping", Encoding.UTF8.GetString(buffer, 0, received.Count), StringComparison.Ordinal);
    }
}
