using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using ShLogin.Configuration;
using ShLogin.LoginService.Endpoints;
using ShLogin.LoginService.NginxGate;
using ShLogin.LoginService.Security;
using ShLogin.LoginService.Tests.TestSupport;
using ShLogin.Nginx;

namespace ShLogin.LoginService.Tests.Fuzz;

/// <summary>
/// What an attacker controls in the login service, fuzzed with a fixed seed for a bounded number
/// of cases: <c>next</c>, the token and code fields, the session cookie and the gate cookie. Each
/// test states the property that must hold for every case, not only that nothing crashed.
/// </summary>
public sealed class ParserFuzzTests : IDisposable
{
    private const int Seed = 20261201;
    private const string SessionCookie = LoginServiceOptions.DefaultCookieName;
    private static readonly Uri Site = new("https://shlogin.test/");

    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void Next_is_always_a_same_site_relative_path()
    {
        var input = new HostileInput(Seed);
        for (var i = 0; i < 10_000; i++)
        {
            var next = input.AnyText();
            var sanitized = NextPath.Sanitize(next);
            Assert.True(sanitized == next || sanitized == NextPath.Fallback, Case(i, next));
            AssertSameSiteRelative(sanitized, i, next);

            // The redirect to the login page carries it percent-encoded; decoded it must be just as safe.
            var location = SignInRedirectEndpoint.LocationFor(next);
            Assert.StartsWith("/auth/login?next=", location, StringComparison.Ordinal);
            AssertSameSiteRelative(Uri.UnescapeDataString(location["/auth/login?next=".Length..]), i, next);
        }
    }

    [Fact]
    public async Task The_login_page_and_a_sign_in_send_the_browser_only_to_same_site_paths()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var input = new HostileInput(Seed + 1);
        for (var i = 0; i < 300; i++)
        {
            var next = input.Chance(0.5) ? input.Mutate("/lab/tree?a=1") : input.AnyText();
            using var browser = host.NewBrowser();

            using var form = await browser.GetAsync($"/auth/login?next={Uri.EscapeDataString(next)}");
            Assert.Equal(HttpStatusCode.OK, form.StatusCode);
            var html = await form.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var formNext = Assert.Single(FormBrowser.HiddenFields(html), field => field.Key == "next").Value;
            AssertSameSiteRelative(formNext, i, next);

            // A next no form may carry (NUL) is a 400 with the form, whose next is safe as well.
            using var login = await browser.LoginAsync(TestSecrets.Token, next: next);
            if (login.StatusCode == HttpStatusCode.BadRequest)
            {
                var again = await login.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                AssertSameSiteRelative(Assert.Single(FormBrowser.HiddenFields(again), field => field.Key == "next").Value, i, next);
                continue;
            }

            Assert.True(login.StatusCode == HttpStatusCode.SeeOther, $"{login.StatusCode} for {Case(i, next)}");
            AssertSameSiteRelative(login.Headers.Location!.OriginalString, i, next);
        }
    }

    [Fact]
    public void The_token_field_accepts_exactly_the_token_and_nothing_else()
    {
        var verifier = new CredentialVerifier(LoginServiceHost.OptionsFor(AuthMode.Token, "/unused", LoginServiceHost.NewClock()));
        var input = new HostileInput(Seed + 2);
        var accepted = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var token = input.Chance(0.7) ? input.Mutate(TestSecrets.Token) : input.AnyText(2000);

            // Surrounding whitespace (from copying the terminal) is the one change that may pass.
            var expected = token.Trim() == TestSecrets.Token;
            Assert.True(verifier.TokenMatches(token) == expected, Case(i, token));
            accepted += expected ? 1 : 0;
        }

        Assert.True(accepted < 1000, $"{accepted} cases were the token itself: the mutations are too weak");
    }

    [Fact]
    public async Task Random_tokens_in_the_form_and_the_link_never_sign_in_and_never_fail_the_server()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var input = new HostileInput(Seed + 3);
        using var browser = host.NewBrowser("127.0.0.1");
        var antiforgery = await browser.AntiforgeryTokenFromAsync("/auth/login");
        for (var i = 0; i < 250; i++)
        {
            var token = input.Chance(0.5) ? input.Mutate(TestSecrets.Token) : input.AnyText(1500);
            if (token.Trim() == TestSecrets.Token)
            {
                continue;
            }

            using var posted = await browser.PostFormAsync("/auth/login", [new(FormBrowser.AntiforgeryField, antiforgery), new("token", token)]);
            Assert.True(posted.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests or HttpStatusCode.BadRequest, $"{posted.StatusCode} for {Case(i, token)}");
            using var link = await browser.GetAsync($"/auth/login?token={Uri.EscapeDataString(token)}");
            Assert.True(link.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"{link.StatusCode} for {Case(i, token)}");
            Assert.Null(browser.Cookie(SessionCookie));
            host.Time.Advance(TimeSpan.FromMilliseconds(300));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await browser.CheckAsync());
        using var right = await browser.GetAsync($"/auth/login?token={TestSecrets.Token}");
        Assert.Equal(HttpStatusCode.SeeOther, right.StatusCode);
    }

    [Fact]
    public void The_code_field_accepts_no_wrong_code_and_the_right_code_survives_the_fuzzing()
    {
        var time = LoginServiceHost.NewClock();
        var verifier = new CredentialVerifier(LoginServiceHost.OptionsFor(AuthMode.Totp, "/unused", time));
        var now = time.GetUtcNow();
        var valid = new[] { TestSecrets.CodeAt(now.AddSeconds(-30)), TestSecrets.CodeAt(now), TestSecrets.CodeAt(now.AddSeconds(30)) };
        var input = new HostileInput(Seed + 4);
        for (var i = 0; i < 10_000; i++)
        {
            var code = input.Below(3) switch
            {
                0 => input.Mutate(valid[input.Below(3)]),
                1 => input.Below(1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
                _ => input.AnyText(50),
            };

            // What the form accepts: the digits with spaces taken out. The three codes of the window are not guesses.
            if (valid.Contains(code.Replace(" ", "", StringComparison.Ordinal)))
            {
                continue;
            }

            Assert.False(verifier.CodeMatches(code), Case(i, code));
        }

        Assert.True(verifier.CodeMatches(valid[1]));
    }

    [Fact]
    public async Task Random_codes_in_the_form_never_sign_in_and_never_fail_the_server()
    {
        await using var host = await LoginServiceHost.StartAsync(AuthMode.Totp);
        var input = new HostileInput(Seed + 5);
        using var browser = host.NewBrowser("127.0.0.1");
        var antiforgery = await browser.AntiforgeryTokenFromAsync("/auth/login");
        var valid = TestSecrets.CodeAt(host.Time.GetUtcNow());
        for (var i = 0; i < 300; i++)
        {
            var code = input.Chance(0.5) ? input.Mutate(valid) : input.AnyText(100);
            if (code.Replace(" ", "", StringComparison.Ordinal) == valid)
            {
                continue;
            }

            using var posted = await browser.PostFormAsync("/auth/login", [new(FormBrowser.AntiforgeryField, antiforgery), new("code", code)]);
            Assert.True(posted.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests or HttpStatusCode.BadRequest, $"{posted.StatusCode} for {Case(i, code)}");
            Assert.Null(browser.Cookie(SessionCookie));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await browser.CheckAsync());
    }

    [Fact]
    public async Task Malformed_session_cookies_never_authenticate_and_never_fail_the_server()
    {
        await using var host = await LoginServiceHost.StartAsync();
        using var owner = host.NewBrowser();
        using (var login = await owner.LoginAsync(TestSecrets.Token))
        {
            Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        }

        var real = owner.Cookie(SessionCookie)!;
        var client = host.App.GetTestClient();
        var input = new HostileInput(Seed + 6);
        for (var i = 0; i < 500; i++)
        {
            var value = input.Chance(0.6) ? HeaderSafe(input.Mutate(real)) : input.HeaderText(600);
            if (CarriesTheRealCookie(value, real))
            {
                continue;
            }

            var header = input.Below(4) switch
            {
                0 => $"{SessionCookie}={value}",
                1 => $"{SessionCookie}=\"{value}\"",
                2 => $"other=1; {SessionCookie}={value}; more={value}",
                _ => value,
            };
            using var check = await SendAsync(client, "/auth/check", header);
            Assert.True(check.StatusCode == HttpStatusCode.Unauthorized, $"{check.StatusCode} for {Case(i, header)}");

            // The login page reads the cookie too (to skip the form when signed in): it must show the form.
            using var page = await SendAsync(client, "/auth/login?next=%2Flab", header);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{page.StatusCode} for {Case(i, header)}");
        }

        using var genuine = await SendAsync(client, "/auth/check", $"{SessionCookie}={real}");
        Assert.Equal(HttpStatusCode.NoContent, genuine.StatusCode);
    }

    [Fact]
    public async Task Gate_cookies_never_authenticate_at_the_login_service()
    {
        const string cookieName = "shlogin_9124";
        var gateCookie = NginxAuthContract.GateCookieName(cookieName);
        var time = LoginServiceHost.NewClock();
        await using var host = await LoginServiceHost.StartAsync(new LoginServiceOptions
        {
            Mode = AuthMode.Token,
            Token = TestSecrets.Token,
            DataDirectory = _directory.Combine("data"),
            TimeProvider = time,
            CookieName = cookieName,
            NginxGate = new NginxGateOptions(_directory.Combine("nginx", "sessions")),
        });
        using var owner = host.NewBrowser();
        using (var login = await owner.LoginAsync(TestSecrets.Token))
        {
            Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        }

        var realGate = owner.Cookie(gateCookie)!;
        var realSession = owner.Cookie(cookieName)!;
        var client = host.App.GetTestClient();
        var input = new HostileInput(Seed + 7);
        for (var i = 0; i < 300; i++)
        {
            // The real gate key of a live session, or anything else, next to a session cookie that is not the real one.
            var gate = input.Below(3) switch
            {
                0 => realGate,
                1 => HeaderSafe(input.Mutate(realGate)),
                _ => input.HeaderText(100),
            };
            var mutated = HeaderSafe(input.Mutate(realSession));
            if (CarriesTheRealCookie(mutated, realSession))
            {
                continue;
            }

            var session = input.Chance(0.5) ? "" : $"; {cookieName}={mutated}";

            using var check = await SendAsync(client, "/auth/check", $"{gateCookie}={gate}{session}");
            Assert.True(check.StatusCode == HttpStatusCode.Unauthorized, $"{check.StatusCode} for {Case(i, gate + session)}");
        }

        Assert.Equal(SessionGateKey.For("x").Length, realGate.Length);
    }

    public void Dispose() => _directory.Dispose();

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string target, string cookieHeader)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        Assert.True(request.Headers.TryAddWithoutValidation("Cookie", cookieHeader));
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    // A same-site relative path: what no browser reads as another origin, before or after decoding.
    private static void AssertSameSiteRelative(string path, int i, string input)
    {
        var because = Case(i, input) + $" gave {Printable(path)}";
        Assert.True(path.Length > 0 && path[0] == '/', because);
        Assert.True(path.Length == 1 || path[1] is not ('/' or '\\'), because);
        Assert.True(path.All(c => c is > ' ' and <= '~' and not '\\'), because);
        var resolved = new Uri(Site, path);
        Assert.True(resolved.Scheme == Site.Scheme && resolved.Authority == Site.Authority, because);

        var current = path;
        for (var round = 0; round < 5; round++)
        {
            var decoded = Uri.UnescapeDataString(current);
            Assert.True(decoded.Length > 0 && decoded[0] == '/' && (decoded.Length == 1 || decoded[1] is not ('/' or '\\')), because);
            Assert.True(!decoded.Any(c => c == '\\' || char.IsControl(c)), because);
            current = decoded;
        }
    }

    // The cookie parser takes the value up to ';' or ',', drops quotes and percent-decodes it;
    // base64 decoding skips whitespace, padding and the unused low bits of the last character.
    // What still decodes to the real cookie's bytes is the real cookie, not a forgery.
    private static bool CarriesTheRealCookie(string value, string real)
    {
        var segment = Uri.UnescapeDataString(value.Split(';', ',')[0].Trim().Trim('"'));
        var compact = string.Concat(segment.Where(c => !char.IsWhiteSpace(c)));
        try
        {
            return WebEncoders.Base64UrlDecode(compact).AsSpan().SequenceEqual(WebEncoders.Base64UrlDecode(real));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string HeaderSafe(string value) =>
        new([.. value.Select(c => c is '\t' or (>= ' ' and <= '~') ? c : (char)(' ' + (c % 95)))]);

    private static string Case(int i, string input) => $"case {i} (seed {Seed}): {Printable(input)}";

    private static string Printable(string text) =>
        string.Concat(text.Take(200).Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}"));
}
