using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ShLogin.EndToEndTests.Infrastructure;

namespace ShLogin.EndToEndTests.Proxy;

/// <summary>
/// The HTTP contract of a stack's public port, the same for both proxies (nginx and the built-in
/// one): sign-in redirects with <c>next</c>, what the app receives (forwarded headers set by the
/// proxy, never the browser's; none of the login service's cookies), logout, uploads and
/// streaming, the Origin check and the size limits. The app is a small Python server that
/// answers with what it received.
/// </summary>
public sealed class ProxyContractTests
{
    [Theory]
    [MemberData(nameof(Proxies.Both), MemberType = typeof(Proxies))]
    public async Task Without_a_session_every_method_is_sent_to_the_login_page_with_the_target_as_next(string proxy)
    {
        await using var stack = await StartAsync(proxy);
        var port = stack.Ready.NginxPort;

        foreach (var method in new[] { "GET", "HEAD", "POST", "DELETE" })
        {
            var answer = await RawHttp.SendAsync(port, method, "/deep/path?x=1&y=%2F", [$"Cookie: shlogin_{port}=forged; app=1"], method == "POST" ? "a=1" : null);

            Assert.Equal(302, answer.Status);
            Assert.Equal("/auth/login?next=%2Fdeep%2Fpath%3Fx%3D1%26y%3D%252F", answer.Header("Location"));
            Assert.Equal("no-store", answer.Header("Cache-Control"));
            Assert.Equal("no-referrer", answer.Header("Referrer-Policy"));
        }

        var unsafeTarget = await RawHttp.SendAsync(port, "GET", "//evil.example/x");
        Assert.Equal(302, unsafeTarget.Status);
        Assert.Equal("/auth/login?next=%2F", unsafeTarget.Header("Location"));
        Assert.Empty(await AppRequestsAsync(stack));
    }

    [Theory]
    [MemberData(nameof(Proxies.Both), MemberType = typeof(Proxies))]
    public async Task The_app_gets_forwarded_headers_from_the_proxy_never_the_browsers_and_none_of_the_login_service_cookies(string proxy)
    {
        await using var stack = await StartAsync(proxy);
        using var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        var session = "shlogin_" + stack.Ready.NginxPort;
        using var request = new HttpRequestMessage(HttpMethod.Get, "headers");
        request.Headers.Add("X-Real-IP", "6.6.6.6");
        request.Headers.Add("X-Forwarded-For", "6.6.6.6");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-ShLogin-User", "admin");
        client.Cookies.Add(stack.Url, new Cookie("app_a", "1"));
        client.Cookies.Add(stack.Url, new Cookie(session + "_af", "antiforgery"));
        client.Cookies.Add(stack.Url, new Cookie(session + "_gate", "0123456789abcdef0123456789abcdef"));
        client.Cookies.Add(stack.Url, new Cookie("shlogin_x", "2"));

        using var answer = await client.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var headers = await HeadersAsync(answer);

        var authority = $"127.0.0.1:{stack.Ready.NginxPort}";
        Assert.Equal(authority, headers["host"]);
        Assert.Equal("127.0.0.1", headers["x-real-ip"]);
        Assert.Equal("127.0.0.1", headers["x-forwarded-for"].Split(',', StringSplitOptions.TrimEntries)[^1]);
        Assert.Equal("http", headers["x-forwarded-proto"]);
        Assert.Equal(authority, headers["x-forwarded-host"]);
        Assert.Equal("token-user", headers["x-shlogin-user"]);
        var cookies = headers["cookie"].Split(';', StringSplitOptions.TrimEntries).Select(pair => pair.Split('=')[0]).ToList();
        Assert.Equal(["app_a", "shlogin_x"], cookies.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Proxies.Both), MemberType = typeof(Proxies))]
    public async Task A_logged_out_session_cookie_stops_reaching_the_app(string proxy)
    {
        await using var stack = await StartAsync(proxy);
        using var browser = FormBrowser.For(stack.Url);
        using (var signedIn = await browser.LoginAsync(stack.Token))
        {
            Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        }

        var session = "shlogin_" + stack.Ready.NginxPort;
        var copied = string.Join("; ", new[] { session, session + "_gate" }
            .Where(name => browser.Cookie(name) is not null)
            .Select(name => $"{name}={browser.Cookie(name)}"));
        Assert.Equal(HttpStatusCode.OK, await CookieRequests.StatusAsync(stack, copied));

        using (var loggedOut = await browser.SubmitFormAsync("/auth/logout"))
        {
            Assert.Equal(HttpStatusCode.SeeOther, loggedOut.StatusCode);
        }

        if (proxy == Proxies.Builtin)
        {
            // The built-in proxy checks the session itself on every request: at once.
            Assert.Equal(HttpStatusCode.Found, await CookieRequests.StatusAsync(stack, copied));
        }
        else
        {
            // nginx's session list is updated by the login service; README documents 1 s.
            Assert.NotNull(await CookieRequests.TimeUntilSentToLoginAsync(stack, copied, TimeSpan.FromSeconds(1)));
        }
    }

    [Theory]
    [MemberData(nameof(Proxies.Both), MemberType = typeof(Proxies))]
    public async Task A_large_upload_reaches_the_app_whole_and_a_streamed_answer_arrives_part_by_part(string proxy)
    {
        await using var stack = await StartAsync(proxy);
        using var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        const int size = 48 * 1024 * 1024;
        var payload = new byte[size];
        new Random(42).NextBytes(payload);

        using var upload = new ByteArrayContent(payload);
        using var uploaded = await client.Http.PostAsync(new Uri("upload", UriKind.Relative), upload, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(payload));
        Assert.Equal($"{size} {expected}", await uploaded.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        // The app sends its first part, then waits for a file the test writes only once that part arrived.
        var release = Path.Combine(stack.WorkingDirectory, "release");
        using var streamed = await client.Http.GetAsync(new Uri("stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        using var reader = new StreamReader(await streamed.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        Assert.Equal("first", await reader.ReadLineAsync(TestContext.Current.CancellationToken));
        await File.WriteAllTextAsync(release, "go", TestContext.Current.CancellationToken);
        Assert.Equal("second", await reader.ReadLineAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Proxies.Both), MemberType = typeof(Proxies))]
    public async Task Oversized_requests_are_refused_before_the_app_or_the_login_form_sees_them(string proxy)
    {
        await using var stack = await StartAsync(proxy);
        using var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        var port = stack.Ready.NginxPort;
        var cookie = $"Cookie: {client.CookieHeader}";

        var longTarget = await RawHttp.SendAsync(port, "GET", "/headers?" + new string('a', 16 * 1024), [cookie]);
        Assert.Equal(414, longTarget.Status);

        var hugeHeader = await RawHttp.SendAsync(port, "GET", "/headers", [cookie, "X-Big: " + new string('b', 64 * 1024)]);
        Assert.True(hugeHeader.Status is 400 or 431, $"A 64 KB header got {hugeHeader.StatusLine}.");

        var hugeForm = await RawHttp.SendAsync(port, "POST", "/auth/login", [], "token=" + new string('c', 128 * 1024));
        Assert.Equal(413, hugeForm.Status);

        Assert.Empty(await AppRequestsAsync(stack));
    }

    [Theory]
    [MemberData(nameof(Proxies.Both), MemberType = typeof(Proxies))]
    public async Task A_signed_in_websocket_from_the_stacks_origin_connects_and_one_from_another_origin_is_refused(string proxy)
    {
        await using var stack = await StartAsync(proxy);
        using var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        var url = new Uri($"ws://127.0.0.1:{stack.Ready.NginxPort}/ws");

        using (var same = new ClientWebSocket())
        {
            same.Options.SetRequestHeader("Origin", $"http://127.0.0.1:{stack.Ready.NginxPort}");
            same.Options.SetRequestHeader("Cookie", client.CookieHeader);
            await same.ConnectAsync(url, TestContext.Current.CancellationToken);
            var buffer = new byte[64];
            var received = await same.ReceiveAsync(buffer, TestContext.Current.CancellationToken);
            Assert.Equal("hello", Encoding.ASCII.GetString(buffer, 0, received.Count));
        }

        foreach (var origin in new[] { "http://evil.example", "null", $"http://127.0.0.1:{stack.Ready.NginxPort + 1}" })
        {
            using var other = new ClientWebSocket();
            other.Options.CollectHttpResponseDetails = true;
            other.Options.SetRequestHeader("Origin", origin);
            other.Options.SetRequestHeader("Cookie", client.CookieHeader);
            await Assert.ThrowsAsync<WebSocketException>(() => other.ConnectAsync(url, TestContext.Current.CancellationToken));
            Assert.Equal(HttpStatusCode.Forbidden, other.HttpStatusCode);
        }

        Assert.Single(await AppRequestsAsync(stack), path => path == "/ws");
    }

    [Theory]
    [MemberData(nameof(Proxies.Both), MemberType = typeof(Proxies))]
    public async Task The_internal_login_service_paths_cannot_be_asked_from_outside(string proxy)
    {
        await using var stack = await StartAsync(proxy);
        using var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        foreach (var path in new[] { "auth/check", "auth/signin-redirect" })
        {
            using var answer = await client.Http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        }
    }

    [Fact]
    public async Task With_SH_LOGIN_PROXY_auto_start_says_which_proxy_it_chose()
    {
        await using var stack = await StartAsync(null);
        var line = Assert.Single(stack.StandardError.Split('\n'), l => l.StartsWith("sh-login: proxy: ", StringComparison.Ordinal));
        var nginx = stack.Descendants().Any(process => process.Name == "nginx");
        Assert.StartsWith(nginx ? "sh-login: proxy: nginx (" : "sh-login: proxy: built-in", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_builtin_proxy_no_nginx_runs_and_the_login_service_holds_the_public_port()
    {
        await using var stack = await StartAsync(Proxies.Builtin);

        Assert.DoesNotContain(stack.Descendants(), process => process.Name == "nginx");
        Assert.DoesNotContain("sh-login: proxy:", stack.StandardError, StringComparison.Ordinal);
        using var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        using var answer = await client.Http.GetAsync(new Uri("headers", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    private static Task<StackProcess> StartAsync(string? proxy)
    {
        if (proxy is not null)
        {
            Proxies.Require(proxy);
        }

        // The app's code comes in its environment; it runs in the stack's working directory.
        var options = StackOptions.Command($"exec {Requirements.Python()} -c \"$SHL_TEST_APP\"", ("SH_LOGIN_PORT", "socket"), ("SHL_TEST_APP", RecordingApp));
        return StackProcess.StartAsync(proxy is null ? options : options.Using(proxy));
    }

    // The paths the app was asked for, in order (it appends each to requests.log in its working directory).
    private static async Task<IReadOnlyList<string>> AppRequestsAsync(StackProcess stack)
    {
        var log = Path.Combine(stack.WorkingDirectory, "requests.log");
        return File.Exists(log)
            ? (await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken)).Where(line => line != "/health").ToList()
            : [];
    }

    private static async Task<Dictionary<string, string>> HeadersAsync(HttpResponseMessage answer)
    {
        var body = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{(int)answer.StatusCode}: {body}");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(body)!;
    }

    // On the private unix socket in SH_LOGIN_SOCKET: /headers answers the request's headers as JSON (lower-case names,
    // repeated ones joined by ", "), /upload the body's length and SHA-256, /stream "first", then "second" once the
    // file "release" exists, /ws a WebSocket that sends "hello". Every request's path but the health probe's is logged.
    private const string RecordingApp = """
        import base64, hashlib, http.server, json, os, socketserver, time

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def record(self):
                path = self.path.split("?")[0]
                if path != "/":
                    with open("requests.log", "a") as log:
                        log.write(path + "\n")
                return path

            def answer(self, status, body, content_type="text/plain"):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                path = self.record()
                if path == "/headers":
                    headers = {}
                    for name, value in self.headers.items():
                        key = name.lower()
                        headers[key] = headers[key] + ", " + value if key in headers else value
                    self.answer(200, json.dumps(headers).encode(), "application/json")
                elif path == "/stream":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    self.chunk(b"first\n")
                    deadline = time.time() + 60
                    while not os.path.exists("release") and time.time() < deadline:
                        time.sleep(0.02)
                    self.chunk(b"second\n")
                    self.chunk(b"")
                elif path == "/ws":
                    key = self.headers.get("Sec-WebSocket-Key", "")
                    accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
                    self.send_response(101)
                    self.send_header("Upgrade", "websocket")
                    self.send_header("Connection", "Upgrade")
                    self.send_header("Sec-WebSocket-Accept", accept)
                    self.end_headers()
                    self.wfile.write(b"\x81\x05hello")
                    self.wfile.flush()
                    self.close_connection = True
                else:
                    self.answer(200, b"ok")

            def do_POST(self):
                path = self.record()
                remaining = int(self.headers.get("Content-Length", "0"))
                digest = hashlib.sha256()
                total = 0
                while remaining > 0:
                    data = self.rfile.read(min(remaining, 1 << 20))
                    if not data:
                        break
                    digest.update(data)
                    total += len(data)
                    remaining -= len(data)
                self.answer(200, f"{total} {digest.hexdigest()}".encode())

            def chunk(self, data):
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()

        class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
            daemon_threads = True

            def get_request(self):
                request, _ = super().get_request()
                return request, ("local", 0)

        path = os.environ["SH_LOGIN_SOCKET"]
        server = Server(path, Handler)
        os.chmod(path, 0o600)
        server.serve_forever()
        """;
}
