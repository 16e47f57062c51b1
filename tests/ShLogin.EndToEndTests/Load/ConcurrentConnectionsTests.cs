using System.Net;
using System.Net.Sockets;
using System.Text;
using ShLogin.EndToEndTests.Infrastructure;

namespace ShLogin.EndToEndTests.Load;

/// <summary>
/// nginx is sized for the machine and its descriptor limit: thousands of browsers connected at
/// the same time are all answered (one worker with nginx's default 1024 connections refused most
/// of 2,000).
/// </summary>
public sealed class ConcurrentConnectionsTests
{
    private const int Connections = 2000;

    // Connections being opened at once: enough to be quick, few enough not to overflow the
    // listen backlog (the kernel would then drop SYNs and the client retry after a second).
    private const int ConcurrentConnects = 100;

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Two_thousand_connections_open_at_once_all_get_an_answer_from_the_app()
    {
        Requirements.Nginx();
        await using var stack = await StackProcess.StartAsync(StackOptions.Demo());
        using var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        var request = Encoding.ASCII.GetBytes(
            $"GET / HTTP/1.1\r\nHost: {stack.Url.Authority}\r\nCookie: {client.CookieHeader}\r\nConnection: close\r\n\r\n");
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(Bound);
        var endpoint = new IPEndPoint(IPAddress.Loopback, stack.Ready.NginxPort);

        var sockets = new Socket[Connections];
        try
        {
            // Every connection is open before any request is sent: nginx holds all of them at once.
            using (var connecting = new SemaphoreSlim(ConcurrentConnects))
            {
                await Task.WhenAll(Enumerable.Range(0, Connections).Select(async index =>
                {
                    await connecting.WaitAsync(bound.Token);
                    try
                    {
                        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                        sockets[index] = socket;
                        await socket.ConnectAsync(endpoint, bound.Token);
                    }
                    finally
                    {
                        connecting.Release();
                    }
                }));
            }

            var answers = await Task.WhenAll(sockets.Select(socket => AskAsync(socket, request, bound.Token)));

            var unanswered = answers.Count(answer => answer is null);
            var statuses = answers.Where(answer => answer is not null).GroupBy(answer => answer).Select(group => $"{group.Key} x{group.Count()}");
            Assert.True(
                answers.All(answer => answer == "HTTP/1.1 200 OK"),
                $"{unanswered} of {Connections} concurrent connections got no answer; answers: {string.Join(", ", statuses)}.\n{stack.Describe()}");
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket?.Dispose();
            }
        }
    }

    /// <summary>Sends the request and returns the status line, or null when the connection ended without one.</summary>
    private static async Task<string?> AskAsync(Socket socket, byte[] request, CancellationToken cancellation)
    {
        try
        {
            await socket.SendAsync(request, SocketFlags.None, cancellation);
            var received = new List<byte>();
            var buffer = new byte[512];
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellation);
                if (read == 0)
                {
                    break;
                }

                received.AddRange(buffer.AsSpan(0, read));
                var text = Encoding.ASCII.GetString([.. received]);
                if (text.IndexOf("\r\n", StringComparison.Ordinal) is var end and >= 0)
                {
                    return text[..end];
                }
            }
        }
        catch (SocketException)
        {
            // Reset by nginx: no answer.
        }

        return null;
    }
}
