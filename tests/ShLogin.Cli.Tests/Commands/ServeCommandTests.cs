using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ShLogin.Cli.Commands;
using ShLogin.Cli.Commands.Serve;
using ShLogin.Secrets;
using ShLogin.Testing.Files;

namespace ShLogin.Cli.Tests.Commands;

/// <summary><c>sh-login serve</c> run in-process on real sockets; SIGINT/SIGTERM are played by cancelling the run.</summary>
public sealed partial class ServeCommandTests : IDisposable
{
    private const string Token = "serve-test-token-0123456789abcdef";
    private const string Listening = "sh-login serve: listening on ";
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string directory = Directory.CreateTempSubdirectory("shl-serve-").FullName;

    private string DataDirectory => Path.Combine(directory, "data");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Serves_on_the_port_from_the_environment_until_stopped_and_then_exits_0()
    {
        var port = FreePort.Next();
        var harness = Harness(("SH_LOGIN_TOKEN", Token), ("SH_LOGIN_AUTH_PORT", $"{port}"));
        await using var serve = harness.Start("serve", "--data-dir", DataDirectory);

        await serve.WaitForOutputAsync(Listening);
        using var client = TcpClient(port);
        using var health = await client.GetAsync("/auth/healthz", TestContext.Current.CancellationToken);
        using var check = await client.GetAsync("/auth/check", TestContext.Current.CancellationToken);
        var result = await serve.StopAsync();

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, check.StatusCode);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        var line = Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{Listening}http://127.0.0.1:{port} (for nginx: sh-login nginx-conf --auth-upstream 127.0.0.1:{port})", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.Output, StringComparison.Ordinal);
        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(DataDirectory));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync("/auth/healthz", TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("SH_LOGIN_AUTH_PORT", false)]
    [InlineData("SH_LOGIN_FLASK_PORT", false)]
    [InlineData("SH_LOGIN_AUTH_PORT", true)]
    public async Task The_port_comes_from_either_variable_and_the_flag_wins(string variable, bool flag)
    {
        var variablePort = FreePort.Next();
        var flagPort = FreePort.Next();
        var harness = Harness(("SH_LOGIN_TOKEN", Token), (variable, $"{variablePort}"));
        string[] args = flag
            ? ["serve", "--data-dir", DataDirectory, "--auth-port", $"{flagPort}"]
            : ["serve", "--data-dir", DataDirectory];
        await using var serve = harness.Start(args);

        await serve.WaitForOutputAsync(Listening);
        var expected = flag ? flagPort : variablePort;

        Assert.Contains($"{Listening}http://127.0.0.1:{expected} ", serve.Output, StringComparison.Ordinal);
        using var health = await TcpClient(expected).GetAsync("/auth/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(0, (await serve.StopAsync()).ExitCode);
    }

    [Fact]
    public async Task On_a_unix_socket_the_socket_is_private_answers_and_is_removed_at_the_end()
    {
        var socketPath = Path.Combine(directory, "auth.sock");
        var harness = Harness(("SH_LOGIN_TOKEN", Token));
        await using var serve = harness.Start("serve", "--socket", socketPath, "--data-dir", DataDirectory);

        await serve.WaitForOutputAsync(Listening);
        var mode = File.GetUnixFileMode(socketPath);
        using var client = UnixSocketClient(socketPath);
        using var health = await client.GetAsync("/auth/healthz", TestContext.Current.CancellationToken);
        var result = await serve.StopAsync();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains($"{Listening}unix socket {socketPath} (for nginx: sh-login nginx-conf --auth-upstream unix:{socketPath})", result.Output, StringComparison.Ordinal);
        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(socketPath));
    }

    [Fact]
    public async Task A_port_in_the_environment_wins_over_the_socket_and_says_so()
    {
        var port = FreePort.Next();
        var socketPath = Path.Combine(directory, "auth.sock");
        var harness = Harness(("SH_LOGIN_TOKEN", Token), ("SH_LOGIN_AUTH_PORT", $"{port}"));
        await using var serve = harness.Start("serve", "--socket", socketPath, "--data-dir", DataDirectory);

        await serve.WaitForOutputAsync(Listening);

        Assert.Contains($"{Listening}http://127.0.0.1:{port} ", serve.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(socketPath));
        var note = Assert.Single(serve.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("SH_LOGIN_AUTH_PORT", note, StringComparison.Ordinal);
        Assert.Contains("--socket is ignored", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_port_or_a_socket_it_listens_where_nginx_conf_points_by_default()
    {
        var address = ServeListenAddress.Choose(authPort: null, socketPath: null, directory);

        Assert.Equal(NginxConfCommand.DefaultAuthUpstream, address.Upstream.ToString());
        Assert.Equal($"http://{NginxConfCommand.DefaultAuthUpstream}", address.Url);
    }

    [Fact]
    public async Task Help_documents_the_default_address_and_the_data_directory()
    {
        var result = await new CliHarness().RunAsync("serve", "--help");

        Assert.Equal(0, result.ExitCode);
        var help = Regex.Replace(result.Output, @"\s+", " ");
        Assert.Contains($"serve listens on {NginxConfCommand.DefaultAuthUpstream}, the address sh-login nginx-conf assumes by default", help, StringComparison.Ordinal);
        Assert.Contains("$XDG_STATE_HOME/sh-login or ~/.local/state/sh-login", help, StringComparison.Ordinal);
        Assert.DoesNotContain("--token", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_help_lists_serve_and_nginx_conf()
    {
        var result = await new CliHarness().RunAsync("--help");

        Assert.Matches(@"(?m)^\s+serve\s", result.Output);
        Assert.Matches(@"(?m)^\s+nginx-conf\s", result.Output);
    }

    [Fact]
    public async Task Without_a_token_one_is_made_printed_and_accepted()
    {
        var port = FreePort.Next();
        var harness = Harness(("SH_LOGIN_AUTH_PORT", $"{port}"));
        await using var serve = harness.Start("serve", "--data-dir", DataDirectory);

        await serve.WaitForOutputAsync(Listening);
        var token = GeneratedToken().Match(serve.Output).Groups[1].Value;
        using var client = TcpClient(port);
        using var wrong = await client.GetAsync("/auth/login?token=not-the-token-0123456789", TestContext.Current.CancellationToken);
        using var login = await client.GetAsync($"/auth/login?token={Uri.EscapeDataString(token)}", TestContext.Current.CancellationToken);

        Assert.True(token.Length >= 32, serve.Output);
        Assert.Contains("SH_LOGIN_TOKEN", serve.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("shlogin_session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_run_without_a_token_makes_a_different_one()
    {
        var first = await GeneratedTokenOfOneRunAsync();
        var second = await GeneratedTokenOfOneRunAsync();

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Totp_mode_without_a_secret_makes_one_shows_its_qr_and_accepts_its_codes()
    {
        var port = FreePort.Next();
        var harness = Harness(("SH_LOGIN_MODE", "totp"), ("SH_LOGIN_AUTH_PORT", $"{port}"));
        await using var serve = harness.Start("serve", "--data-dir", DataDirectory);

        await serve.WaitForOutputAsync(Listening);
        var output = serve.Output;
        var secret = OtpAuthSecret().Match(output).Groups[1].Value;
        var code = new Totp(Base32.Decode(secret)).ComputeAt(harness.Now);
        using var client = TcpClient(port);
        using var login = await FormLoginAsync(client, ("code", code));

        Assert.Contains("otpauth://totp/ShLogin:alice%40node7?secret=", output, StringComparison.Ordinal);
        Assert.Contains("▀", output, StringComparison.Ordinal);
        Assert.Contains("sh-login totp new --secret-file", output, StringComparison.Ordinal);
        Assert.Contains("SH_LOGIN_TOTP_SECRET_FILE", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Token (made for this run)", output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
    }

    [Fact]
    public async Task A_totp_secret_in_the_working_directory_is_used_and_never_printed()
    {
        var key = SecretTokens.NewTotpKey();
        var secretFile = Path.Combine(directory, ".totp_secret");
        await File.WriteAllTextAsync(secretFile, Base32.Encode(key) + "\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(secretFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var port = FreePort.Next();
        var harness = Harness(("SH_LOGIN_MODE", "totp"), ("SH_LOGIN_AUTH_PORT", $"{port}"));
        await using var serve = harness.Start("serve", "--data-dir", DataDirectory);

        await serve.WaitForOutputAsync(Listening);
        using var client = TcpClient(port);
        using var login = await FormLoginAsync(client, ("code", new Totp(key).ComputeAt(harness.Now)));

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.DoesNotContain("otpauth", serve.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Base32.Encode(key), serve.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, serve.Error);
    }

    [Fact]
    public async Task A_totp_secret_file_others_can_read_is_refused_with_the_fix_and_nothing_is_created()
    {
        var secretFile = Path.Combine(directory, "secret");
        await File.WriteAllTextAsync(secretFile, Base32.Encode(SecretTokens.NewTotpKey()), TestContext.Current.CancellationToken);
        File.SetUnixFileMode(secretFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var harness = Harness(("SH_LOGIN_MODE", "totp"), ("SH_LOGIN_TOTP_SECRET_FILE", secretFile), ("SH_LOGIN_AUTH_PORT", $"{FreePort.Next()}"));

        var result = await harness.RunAsync("serve", "--data-dir", DataDirectory);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"sh-login: SH_LOGIN_TOTP_SECRET_FILE='{secretFile}' is not valid: {secretFile} can be read or written by group or others (mode 0604); fix: chmod 600 {secretFile}", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(DataDirectory));
    }

    [Fact]
    public async Task A_data_directory_another_user_owns_is_refused_in_one_line()
    {
        Requirements.Root("handing a directory to another user needs root.");
        Directory.CreateDirectory(DataDirectory);
        OtherUser.Own(DataDirectory);
        var harness = Harness(("SH_LOGIN_TOKEN", Token), ("SH_LOGIN_AUTH_PORT", $"{FreePort.Next()}"));

        var result = await harness.RunAsync("serve", "--data-dir", DataDirectory);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"--data-dir '{DataDirectory}' cannot be used: {DataDirectory} is owned by nobody (uid 65534)", line, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(DataDirectory));
    }

    [Fact]
    public async Task A_restart_with_the_same_data_directory_keeps_the_session_and_another_directory_does_not()
    {
        var port = FreePort.Next();
        var harness = Harness(("SH_LOGIN_TOKEN", Token), ("SH_LOGIN_AUTH_PORT", $"{port}"));
        using var client = TcpClient(port);
        string cookie;
        await using (var first = harness.Start("serve", "--data-dir", DataDirectory))
        {
            await first.WaitForOutputAsync(Listening);
            using var login = await client.GetAsync($"/auth/login?token={Token}", TestContext.Current.CancellationToken);
            cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("shlogin_session=", StringComparison.Ordinal)).Split(';')[0];
            Assert.Equal(0, (await first.StopAsync()).ExitCode);
        }

        var again = await CheckWithCookieAfterRestartAsync(harness, DataDirectory, client, cookie);
        var elsewhere = await CheckWithCookieAfterRestartAsync(harness, Path.Combine(directory, "other"), client, cookie);

        Assert.Equal(HttpStatusCode.NoContent, again);
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere);
    }

    [Fact]
    public async Task Without_a_data_directory_it_keeps_its_state_under_xdg_state_home()
    {
        var stateHome = Path.Combine(directory, "state");
        var harness = Harness(("SH_LOGIN_TOKEN", Token), ("SH_LOGIN_AUTH_PORT", $"{FreePort.Next()}"), ("XDG_STATE_HOME", stateHome), ("HOME", "/nonexistent"));
        await using var serve = harness.Start("serve");

        await serve.WaitForOutputAsync(Listening);
        var expected = Path.Combine(stateHome, "sh-login");

        Assert.Contains($"data in {expected}", serve.Output, StringComparison.Ordinal);
        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(expected));
        Assert.True(Directory.Exists(Path.Combine(expected, "keys")));
    }

    [Theory]
    [InlineData("/state", "/home/u", "/state/sh-login")]
    [InlineData("relative/state", "/home/u", "/home/u/.local/state/sh-login")]
    [InlineData(null, "/home/u", "/home/u/.local/state/sh-login")]
    [InlineData("", "/home/u", "/home/u/.local/state/sh-login")]
    public void The_default_data_directory_follows_the_xdg_base_directories(string? stateHome, string home, string expected)
    {
        var harness = Harness(("XDG_STATE_HOME", stateHome), ("HOME", home));

        Assert.Equal(expected, ServeDataDirectory.Resolve(null, harness.Context));
    }

    [Fact]
    public void A_data_directory_option_is_taken_relative_to_the_working_directory()
    {
        var harness = Harness(("HOME", "/home/u"));

        Assert.Equal(Path.Combine(directory, "here"), ServeDataDirectory.Resolve("here", harness.Context));
    }

    [Fact]
    public async Task Without_any_home_a_data_directory_must_be_given()
    {
        var result = await Harness(("SH_LOGIN_TOKEN", Token), ("SH_LOGIN_AUTH_PORT", $"{FreePort.Next()}")).RunAsync("serve");

        var line = result.SingleUsageError();
        Assert.Contains("--data-dir", line, StringComparison.Ordinal);
        Assert.Contains("HOME", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SH_LOGIN_AUTH_PORT", "abc", "SH_LOGIN_AUTH_PORT='abc' is not valid")]
    [InlineData("SH_LOGIN_AUTH_PORT", "70000", "SH_LOGIN_AUTH_PORT='70000' is not valid")]
    [InlineData("SH_LOGIN_FLASK_PORT", "-1", "SH_LOGIN_FLASK_PORT='-1' is not valid")]
    [InlineData("SH_LOGIN_MODE", "password", "SH_LOGIN_MODE='password' is not valid")]
    [InlineData("SH_LOGIN_TOKEN", "short", "SH_LOGIN_TOKEN=<hidden, 5 chars> is not valid")]
    [InlineData("SH_LOGIN_SESSION_TTL", "forever", "SH_LOGIN_SESSION_TTL='forever' is not valid")]
    [InlineData("SH_LOGIN_SECURE_COOKIE", "maybe", "SH_LOGIN_SECURE_COOKIE='maybe' is not valid")]
    [InlineData("SH_LOGIN_COOKIE_DOMAIN", "exa mple.org", "SH_LOGIN_COOKIE_DOMAIN='exa mple.org' is not valid")]
    [InlineData("SH_LOGIN_TOTP_SECRET", "not base32!", "SH_LOGIN_TOTP_SECRET=<hidden")]
    [InlineData("SH_LOGIN_APP_NAME", "two\nlines", "expected a name of 1-80 characters without control characters")]
    [InlineData("SH_LOGIN_APP_NAME", "   ", "SH_LOGIN_APP_NAME='   ' is not valid")]
    public async Task A_bad_variable_is_one_line_naming_it_and_exit_2(string variable, string value, string expected)
    {
        var harness = Harness(("SH_LOGIN_MODE", "token+totp"), ("SH_LOGIN_TOKEN", Token), (variable, value));

        var result = await harness.RunAsync("serve", "--data-dir", DataDirectory);

        Assert.Contains(expected, result.SingleUsageError(), StringComparison.Ordinal);
        Assert.DoesNotContain("not base32", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(DataDirectory));
    }

    [Theory]
    [InlineData("--auth-port|0", "--auth-port='0' is not valid")]
    [InlineData("--flask|http", "--auth-port='http' is not valid")]
    [InlineData("--auth-port|9999|--socket|auth.sock", "give either --auth-port or --socket, not both")]
    [InlineData("--socket|missing/auth.sock", "--socket='missing/auth.sock' is not valid: its directory does not exist")]
    [InlineData("--socket|.", "--socket='.' is not valid: a directory is in the way")]
    [InlineData("--socket|/tmp/a:b.sock", "--socket='/tmp/a:b.sock' is not valid")]
    [InlineData("--mode|both", "--mode='both' is not valid")]
    [InlineData("--session-ttl|0", "--session-ttl='0' is not valid")]
    [InlineData("--data-dir| ", "--data-dir=' ' is not valid")]
    [InlineData("--token|serve-test-token-0123456789abcdef", "--token")]
    [InlineData("--app-name|", "--app-name='' is not valid: expected a name of 1-80 characters")]
    public async Task A_bad_option_is_one_line_naming_it_and_exit_2(string commandLine, string expected)
    {
        var harness = Harness(("SH_LOGIN_TOKEN", Token));
        var args = commandLine.Split('|');
        if (!args.Contains("--data-dir"))
        {
            args = [.. args, "--data-dir", DataDirectory];
        }

        var result = await harness.RunAsync(["serve", .. args]);

        Assert.Contains(expected, result.SingleUsageError(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_socket_path_longer_than_unix_allows_is_refused()
    {
        var longPath = Path.Combine(directory, new string('s', 120) + ".sock");

        var result = await Harness(("SH_LOGIN_TOKEN", Token)).RunAsync("serve", "--socket", longPath, "--data-dir", DataDirectory);

        Assert.Contains("longer than the 107 bytes", result.SingleUsageError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_and_exit_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await Harness(("SH_LOGIN_TOKEN", Token), ("SH_LOGIN_AUTH_PORT", $"{port}")).RunAsync("serve", "--data-dir", DataDirectory);

        var line = result.SingleUsageError();
        Assert.Contains($"cannot listen on http://127.0.0.1:{port}", line, StringComparison.Ordinal);
        Assert.Contains("SH_LOGIN_AUTH_PORT", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_socket_another_process_listens_on_is_one_line_and_exit_2()
    {
        var socketPath = Path.Combine(directory, "auth.sock");
        using var live = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        live.Bind(new UnixDomainSocketEndPoint(socketPath));
        live.Listen();

        var result = await Harness(("SH_LOGIN_TOKEN", Token)).RunAsync("serve", "--socket", socketPath, "--data-dir", DataDirectory);

        Assert.Contains("another process is listening there", result.SingleUsageError(), StringComparison.Ordinal);
    }

    private CliHarness Harness(params (string Name, string? Value)[] variables)
    {
        var harness = new CliHarness { WorkingDirectory = directory };
        foreach (var (name, value) in variables)
        {
            harness.Environment[name] = value;
        }

        return harness;
    }

    private async Task<string> GeneratedTokenOfOneRunAsync()
    {
        await using var serve = Harness(("SH_LOGIN_AUTH_PORT", $"{FreePort.Next()}")).Start("serve", "--data-dir", DataDirectory);
        await serve.WaitForOutputAsync(Listening);
        var match = GeneratedToken().Match(serve.Output);
        Assert.True(match.Success, serve.Output);
        return match.Groups[1].Value;
    }

    private static async Task<HttpStatusCode> CheckWithCookieAfterRestartAsync(CliHarness harness, string dataDirectory, HttpClient client, string cookie)
    {
        await using var serve = harness.Start("serve", "--data-dir", dataDirectory);
        await serve.WaitForOutputAsync(Listening);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/check");
        request.Headers.Add("Cookie", cookie);
        using var check = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await serve.StopAsync()).ExitCode);
        return check.StatusCode;
    }

    /// <summary>Loads the login form, keeps its hidden fields and antiforgery cookie, and submits it with <paramref name="fields"/>.</summary>
    private static async Task<HttpResponseMessage> FormLoginAsync(HttpClient client, params (string Name, string Value)[] fields)
    {
        using var form = await client.GetAsync("/auth/login", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var cookies = form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]);
        var values = FormBrowser.HiddenFields(html)
            .Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = new FormUrlEncodedContent(values) };
        post.Headers.Add("Cookie", string.Join("; ", cookies));
        return await client.SendAsync(post, TestContext.Current.CancellationToken);
    }

    private static HttpClient TcpClient(int port) => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}"),
    };

    private static HttpClient UnixSocketClient(string socketPath)
    {
        var handler = UnixSocketHttp.Handler(socketPath);
        handler.AllowAutoRedirect = false;
        handler.UseCookies = false;
        return new HttpClient(handler) { BaseAddress = new Uri("http://localhost") };
    }

    [GeneratedRegex(@"Token \(made for this run\): (\S+)")]
    private static partial Regex GeneratedToken();

    [GeneratedRegex("otpauth://totp/[^?]+\\?secret=([A-Z2-7]+)")]
    private static partial Regex OtpAuthSecret();
}
