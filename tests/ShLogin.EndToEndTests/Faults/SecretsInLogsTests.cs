using System.Net;
using ShLogin.EndToEndTests.Infrastructure;
using ShLogin.Secrets;

namespace ShLogin.EndToEndTests.Faults;

/// <summary>
/// The one-click token, the TOTP secret and a code never reach a log or a file of the runtime
/// directory, even when the login service dies mid-login and nginx logs the requests it cannot
/// pass on (its error log quotes each request line, query and referrer included).
/// </summary>
public sealed class SecretsInLogsTests
{
    private static readonly TimeSpan NginxLogLimit = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("token")]
    [InlineData("token+totp")]
    public async Task Nothing_the_stack_prints_or_writes_holds_a_secret_after_the_login_service_dies_mid_login(string mode)
    {
        Requirements.Nginx();
        using var runtimeParent = new TemporaryDirectory();
        var runtime = Path.Combine(runtimeParent.Path, "run");
        Directory.CreateDirectory(runtime, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var token = SecretTokens.NewToken();
        var key = SecretTokens.NewTotpKey();
        var totpSecret = Base32.Encode(key);
        var options = StackOptions.PythonHttpServer(Requirements.Python()) with { Arguments = ["--quiet"] };
        options = options with
        {
            Environment = new Dictionary<string, string?>(options.Environment)
            {
                ["SH_LOGIN_MODE"] = mode,
                ["SH_LOGIN_TOKEN"] = token,
                ["SH_LOGIN_TOTP_SECRET"] = mode == "token" ? null : totpSecret,
                ["SH_LOGIN_TMPDIR"] = runtime,
            },
        };
        await using var stack = await StackProcess.StartAsync(options);
        var code = new Totp(key).ComputeAt(DateTimeOffset.UtcNow);
        var loginService = Assert.Single(stack.Descendants(), process =>
            process.CommandLine.Contains("sh-login", StringComparison.Ordinal) && process.CommandLine.Contains(" serve", StringComparison.Ordinal));

        Signals.Send(loginService.Id, Signals.SigKill);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = stack.Url,
            Timeout = TimeSpan.FromSeconds(5),
        };

        // While it is down and while it restarts: until nginx has logged one of these requests.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!NginxLoggedALoginRequest(stack))
        {
            Assert.True(clock.Elapsed < NginxLogLimit, $"nginx logged no failed /auth/login request within {NginxLogLimit.TotalSeconds} s.\n{stack.Describe()}");
            await SendLoginRequestsAsync(http, token, code, stack.Url);
        }

        Assert.NotNull(await Health.TimeUntilHealthyAsync(stack, RecoveryLimit));
        await SendLoginRequestsAsync(http, token, code, stack.Url);
        using (var browser = FormBrowser.For(stack.Url))
        using (var signedIn = await browser.LoginAsync(token, mode == "token" ? null : new Totp(key).ComputeAt(DateTimeOffset.UtcNow.AddSeconds(30))))
        {
            Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        }

        var written = ReadFiles(runtime);
        stack.Signal(Signals.SigTerm);
        Assert.NotNull(await stack.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        written += ReadFiles(runtime);

        var printed = stack.StandardOutput + stack.StandardError;
        foreach (var (what, secret) in new[] { ("token", token), ("TOTP secret", totpSecret), ("code", code) })
        {
            Assert.False(printed.Contains(secret, StringComparison.OrdinalIgnoreCase), $"start printed the {what}:\n{printed}");
            Assert.False(written.Contains(secret, StringComparison.OrdinalIgnoreCase), $"a file in the runtime directory holds the {what}");
        }

        // nginx did log the failed one-click request: what it quoted was hidden, not left out.
        Assert.Contains("/auth/login?token=" + SecretRedactor.Placeholder, printed, StringComparison.Ordinal);
    }

    private static bool NginxLoggedALoginRequest(StackProcess stack) =>
        stack.StandardError.Split('\n').Any(line => line.StartsWith("[nginx]", StringComparison.Ordinal) && line.Contains("/auth/login", StringComparison.Ordinal));

    private static async Task SendLoginRequestsAsync(HttpClient http, string token, string code, Uri site)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var oneClick = new HttpRequestMessage(HttpMethod.Get, "/auth/login?token=" + Uri.EscapeDataString(token));
        var withCode = new HttpRequestMessage(HttpMethod.Get, $"/auth/login?token={Uri.EscapeDataString(token)}&code={code}&next=%2F");
        var posted = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
        {
            Content = new FormUrlEncodedContent([new("token", token), new("code", code), new("next", "/")]),
        };

        // A browser on the failed one-click page sends its URL along as the referrer.
        posted.Headers.Referrer = new Uri(site, "/auth/login?token=" + Uri.EscapeDataString(token));
        foreach (var request in new[] { oneClick, withCode, posted })
        {
            using (request)
            {
                try
                {
                    using var answer = await http.SendAsync(request, cancellation);
                }
                catch (HttpRequestException)
                {
                    // nginx itself is being reloaded; the next round tries again.
                }
            }
        }
    }

    private static string ReadFiles(string directory)
    {
        var text = new System.Text.StringBuilder();
        foreach (var path in Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories) : [])
        {
            try
            {
                if ((File.GetAttributes(path) & FileAttributes.ReparsePoint) == 0 && new FileInfo(path).Length < 16 * 1024 * 1024)
                {
                    text.Append(path).Append('\n').Append(System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(path))).Append('\n');
                }
            }
            catch (IOException)
            {
                // A socket, or removed meanwhile.
            }
        }

        return text.ToString();
    }
}
