using System.Net;
using System.Net.WebSockets;
using ShLogin.EndToEndTests.Infrastructure;

namespace ShLogin.EndToEndTests.Command;

/// <summary>
/// A command app behind a real stack: it never receives the login service's cookies, and nginx
/// refuses WebSocket upgrades from any origin but the stack's own before they reach it.
/// </summary>
public sealed class CommandWorkloadIsolationTests
{
    [Fact]
    public async Task The_app_receives_its_own_cookies_but_none_of_the_login_service()
    {
        Requirements.Nginx();
        await using var stack = await StackProcess.StartAsync(StackOptions.Command($"exec {Requirements.Python()} -c '{EchoServer}'"));
        using var browser = FormBrowser.For(stack.Url);
        using (var signedIn = await browser.LoginAsync(stack.Token))
        {
            Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        }

        var session = "shlogin_" + stack.Ready.NginxPort;
        Assert.NotNull(browser.Cookie(session));
        Assert.NotNull(browser.Cookie(session + "_gate"));
        browser.SetCookie("app_a", "1");
        browser.SetCookie(session + "_af", "antiforgery");
        browser.SetCookie("shlogin_x", "2");

        using var echoed = await browser.GetAsync("/echo");
        var received = await echoed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, echoed.StatusCode);
        var names = received.Split(';', StringSplitOptions.TrimEntries).Select(pair => pair.Split('=')[0]).ToList();
        Assert.DoesNotContain(session, names);
        Assert.DoesNotContain(session + "_gate", names);
        Assert.DoesNotContain(session + "_af", names);
        Assert.Contains("app_a", names);
        Assert.Contains("shlogin_x", names);
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    [InlineData("http://127.0.0.1:5555")]
    public async Task A_cross_origin_websocket_with_the_session_is_refused(string origin)
    {
        Requirements.Nginx();
        await using var stack = await StackProcess.StartAsync(StackOptions.Command($"exec {Requirements.Python()} -c '{EchoServer}'"));
        using var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        var cookies = client.CookieHeader;
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", origin);
        socket.Options.SetRequestHeader("Cookie", cookies);

        await Assert.ThrowsAsync<WebSocketException>(() =>
            socket.ConnectAsync(new Uri($"ws://127.0.0.1:{stack.Ready.NginxPort}/echo"), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    // Answers every GET with the Cookie header it received.
    private const string EchoServer =
        "import http.server, os\n"
        + "class H(http.server.BaseHTTPRequestHandler):\n"
        + "    def do_GET(self):\n"
        + "        body = (self.headers.get(\"Cookie\") or \"\").encode()\n"
        + "        self.send_response(200); self.send_header(\"Content-Length\", str(len(body))); self.end_headers(); self.wfile.write(body)\n"
        + "http.server.ThreadingHTTPServer((\"127.0.0.1\", int(os.environ[\"SH_LOGIN_PORT\"])), H).serve_forever()\n";
}
