using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ShLogin.EndToEndTests.Infrastructure;

namespace ShLogin.EndToEndTests.Command;

/// <summary>
/// Any web app given as a command: it runs in start's working directory on the loopback port start
/// hands it, nginx serves it only to a signed-in browser, and start says plainly that the port
/// itself is open to every user of the host.
/// </summary>
public sealed partial class CommandWorkloadTests
{
    [Fact]
    public async Task A_command_is_served_only_after_sign_in_and_start_warns_that_its_port_is_open_to_local_users()
    {
        Requirements.Nginx();
        await using var stack = await StackProcess.StartAsync(StackOptions.PythonHttpServer(Requirements.Python()));
        var name = $"hello-{Guid.NewGuid():N}.txt";
        var content = Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(Path.Combine(stack.WorkingDirectory, name), content, TestContext.Current.CancellationToken);

        using (var anonymous = FormBrowser.For(stack.Url))
        using (var refused = await anonymous.GetAsync(name))
        {
            Assert.Equal(HttpStatusCode.Found, refused.StatusCode);
            Assert.Equal($"/auth/login?next=%2F{name}", refused.Headers.Location?.OriginalString);
        }

        using var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        Assert.Equal(content, await client.Http.GetStringAsync(new Uri(name, UriKind.Relative), TestContext.Current.CancellationToken));

        // The warning names the port, and it is true: the app answers there without any cookie.
        var warning = Assert.Single(stack.StandardError.Split('\n'), line => line.Contains("warning:", StringComparison.Ordinal));
        Assert.Contains("other users of this host can reach it", warning, StringComparison.Ordinal);
        var port = int.Parse(ExposedPort().Match(warning).Groups["port"].Value, CultureInfo.InvariantCulture);
        using var direct = new HttpClient();
        Assert.Equal(content, await direct.GetStringAsync(new Uri($"http://127.0.0.1:{port}/{name}"), TestContext.Current.CancellationToken));
        Assert.DoesNotContain(stack.Token, stack.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_SH_LOGIN_PORT_socket_a_command_serves_on_the_private_socket_and_start_has_nothing_to_warn_about()
    {
        Requirements.Nginx();
        using var directory = new TemporaryDirectory();
        await File.WriteAllTextAsync(directory.Combine("server.py"), UnixSocketServer, TestContext.Current.CancellationToken);
        var name = $"hello-{Guid.NewGuid():N}.txt";
        var content = Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(directory.Combine(name), content, TestContext.Current.CancellationToken);

        await using var stack = await StackProcess.StartAsync(
            StackOptions.Command($"exec {Requirements.Python()} server.py", ("SH_LOGIN_PORT", "socket")) with { WorkingDirectory = directory.Path });

        using (var anonymous = FormBrowser.For(stack.Url))
        using (var refused = await anonymous.GetAsync(name))
        {
            Assert.Equal(HttpStatusCode.Found, refused.StatusCode);
        }

        using var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        Assert.Equal(content, await client.Http.GetStringAsync(new Uri(name, UriKind.Relative), TestContext.Current.CancellationToken));
        var socket = Assert.Single(File.ReadAllLines(directory.Combine("socket.txt")));
        Assert.StartsWith(stack.RuntimeDirectory + "/", socket, StringComparison.Ordinal);
        Assert.DoesNotContain("warning:", stack.StandardError, StringComparison.Ordinal);
    }

    // Python's file server on the unix socket start names in SH_LOGIN_SOCKET; it notes the path in socket.txt.
    private const string UnixSocketServer = """
        import http.server, os, socketserver

        class Handler(http.server.SimpleHTTPRequestHandler):
            def address_string(self):
                return "unix"

        class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
            daemon_threads = True

        path = os.environ["SH_LOGIN_SOCKET"]
        with open("socket.txt", "w") as note:
            note.write(path + "\n")
        with Server(path, Handler) as server:
            server.serve_forever()
        """;

    [GeneratedRegex(@"listens on 127\.0\.0\.1:(?<port>[0-9]+) ")]
    private static partial Regex ExposedPort();
}
