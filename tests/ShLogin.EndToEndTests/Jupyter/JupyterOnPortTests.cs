using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using ShLogin.EndToEndTests.Infrastructure;
using ShLogin.Testing.Network;

namespace ShLogin.EndToEndTests.Jupyter;

/// <summary>
/// Jupyter on a loopback port (any user of the host can connect to it) requires a token that only
/// the proxy sends: through the stack, a signed-in user starts a kernel and opens its WebSocket;
/// straight to the port, without the token, Jupyter refuses. The same for both proxies.
/// </summary>
public sealed class JupyterOnPortTests
{
    [Theory]
    [MemberData(nameof(Proxies.Both), MemberType = typeof(Proxies))]
    public async Task Only_the_proxy_holds_the_internal_secret_that_lets_requests_into_Jupyter(string proxy)
    {
        Proxies.Require(proxy);
        Requirements.Jupyter();
        var port = FreePort.Next();
        await using var stack = await StackProcess.StartAsync(
            StackOptions.Jupyter(("SH_LOGIN_PORT", port.ToString(CultureInfo.InvariantCulture))).Using(proxy));
        Assert.DoesNotContain("warning:", stack.StandardError, StringComparison.Ordinal);

        using var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        var kernelId = await JupyterApi.StartKernelAsync(client);
        try
        {
            using (var socket = new ClientWebSocket())
            {
                socket.Options.Cookies = client.Cookies;
                socket.Options.SetRequestHeader("Origin", $"http://{stack.Url.Authority}");
                await socket.ConnectAsync(JupyterApi.KernelChannels(stack, kernelId), TestContext.Current.CancellationToken);
                Assert.Equal(WebSocketState.Open, socket.State);
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", TestContext.Current.CancellationToken);
            }

            using var direct = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var around = await direct.GetAsync(new Uri($"http://127.0.0.1:{port}/api/kernels"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Forbidden, around.StatusCode);
        }
        finally
        {
            await JupyterApi.ShutDownKernelAsync(client, kernelId);
        }
    }
}
