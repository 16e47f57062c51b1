using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using ShLogin.EndToEndTests.Infrastructure;
using ShLogin.Nginx;

namespace ShLogin.EndToEndTests.SessionGate;

/// <summary>
/// nginx lets the sessions the login service lists through by their gate cookie alone, and stops
/// as soon as a session is logged out or expires; anything it does not list is asked of the
/// login service as before.
/// </summary>
public sealed partial class SessionGateTests
{
    [Fact]
    public async Task A_listed_gate_cookie_alone_reaches_the_app_and_stops_within_the_bound_after_logout()
    {
        Requirements.Nginx();
        await using var stack = await StackProcess.StartAsync(StackOptions.PythonHttpServer(Requirements.Python()));
        using var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        var gate = GateCookie(client);

        // No session cookie at all: only nginx's map can let this through (/auth/check would say 401).
        Assert.Equal(HttpStatusCode.OK, await CookieRequests.StatusAsync(stack, $"{gate.Name}={gate.Value}"));

        await LogOutAsync(client);
        var revoked = await CookieRequests.TimeUntilSentToLoginAsync(stack, $"{gate.Name}={gate.Value}", NginxSessionGate.RevocationBound);

        Assert.True(revoked is not null, $"The gate cookie still reached the app {NginxSessionGate.RevocationBound.TotalSeconds} s after logout.\n{stack.Describe()}");
        Assert.Equal(HttpStatusCode.Found, await CookieRequests.StatusAsync(stack, client.CookieHeader + $"; {gate.Name}={gate.Value}"));
    }

    [Fact]
    public async Task An_expired_session_stops_reaching_the_app_within_the_bound_after_its_end()
    {
        Requirements.Nginx();
        var ttl = TimeSpan.FromSeconds(3);
        await using var stack = await StackProcess.StartAsync(StackOptions.PythonHttpServer(Requirements.Python()) with
        {
            Environment = new Dictionary<string, string?>(StackOptions.PythonHttpServer(Requirements.Python()).Environment)
            {
                ["SH_LOGIN_SESSION_TTL"] = "3s",
            },
        });
        using var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        var signedIn = Stopwatch.StartNew();
        var gate = GateCookie(client);
        Assert.Equal(HttpStatusCode.OK, await CookieRequests.StatusAsync(stack, $"{gate.Name}={gate.Value}"));

        // The session ended at the latest ttl after the sign-in returned.
        var untilEnd = ttl - signedIn.Elapsed;
        if (untilEnd > TimeSpan.Zero)
        {
            await Task.Delay(untilEnd, TestContext.Current.CancellationToken);
        }

        var refused = await CookieRequests.TimeUntilSentToLoginAsync(stack, $"{gate.Name}={gate.Value}", NginxSessionGate.RevocationBound);

        Assert.True(refused is not null, $"The gate cookie still reached the app {NginxSessionGate.RevocationBound.TotalSeconds} s after the session's end.\n{stack.Describe()}");
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("DEFAULT")]
    [InlineData("\"0123456789abcdef\"")]
    [InlineData("~.*")]
    [InlineData("")]
    public async Task A_gate_cookie_nginx_does_not_list_is_asked_of_the_login_service(string forged)
    {
        Requirements.Nginx();
        await using var stack = await StackProcess.StartAsync(StackOptions.PythonHttpServer(Requirements.Python()));
        using var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        var gate = GateCookie(client);
        var sessionOnly = string.Join("; ", client.CookieHeader.Split("; ").Where(cookie => !cookie.StartsWith(gate.Name + "=", StringComparison.Ordinal)));

        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var http = new HttpClient(handler);
        using var refused = new HttpRequestMessage(HttpMethod.Get, new Uri(stack.Url, "/some/page?x=1"));
        refused.Headers.Add("Cookie", $"{gate.Name}={forged}");
        using var answer = await http.SendAsync(refused, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Found, answer.StatusCode);
        Assert.Equal("/auth/login?next=%2Fsome%2Fpage%3Fx%3D1", answer.Headers.Location?.OriginalString);

        // With a valid session cookie beside it, the login service lets the request through.
        Assert.Equal(HttpStatusCode.OK, await CookieRequests.StatusAsync(stack, $"{sessionOnly}; {gate.Name}={forged}"));
    }

    [Fact]
    public async Task Random_and_mutated_gate_cookies_never_reach_the_app_through_nginx()
    {
        // Seeded, bounded: random header text and small changes of a real key, alone (only nginx's map can let them in).
        Requirements.Nginx();
        await using var stack = await StackProcess.StartAsync(StackOptions.PythonHttpServer(Requirements.Python()));
        using var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        var gate = GateCookie(client);
        var random = new Random(20261201);
        const string alphabet = "0123456789abcdefABCDEF ;,=\"~.*$/%\t";
        var tried = 0;
        for (var i = 0; i < 300; i++)
        {
            var value = new System.Text.StringBuilder(random.Next(4) switch
            {
                0 => gate.Value[..random.Next(gate.Value.Length)],
                1 => gate.Value + alphabet[random.Next(alphabet.Length)],
                _ => gate.Value,
            });
            for (var change = 1 + random.Next(3); change > 0 && value.Length > 0; change--)
            {
                value[random.Next(value.Length)] = random.Next(3) == 0 ? (char)random.Next(' ', '~' + 1) : alphabet[random.Next(alphabet.Length)];
            }

            // What nginx reads as the cookie (up to ';'), if it is still the real key, is no forgery.
            var candidate = value.ToString();
            if (string.Equals(candidate.Split(';')[0].Trim(), gate.Value, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            tried++;
            var status = await CookieRequests.StatusAsync(stack, $"{gate.Name}={candidate}");
            Assert.True(status == HttpStatusCode.Found, $"{status} for the gate cookie '{candidate}' (case {i}, seed 20261201)");
        }

        Assert.True(tried > 250, $"only {tried} cases were forgeries");
        Assert.Equal(HttpStatusCode.OK, await CookieRequests.StatusAsync(stack, $"{gate.Name}={gate.Value}"));
    }

    private static Cookie GateCookie(SignedInClient client)
    {
        var cookies = client.Cookies.GetCookies(client.BaseAddress);
        var gate = Assert.Single(cookies, cookie => cookie.Name.EndsWith(NginxAuthContract.GateCookieSuffix, StringComparison.Ordinal));
        Assert.True(NginxSessionMap.IsValidKey(gate.Value), gate.Value);
        Assert.True(gate.HttpOnly);
        return gate;
    }

    internal static async Task LogOutAsync(SignedInClient client)
    {
        var page = await client.Http.GetStringAsync(new Uri("auth/logout", UriKind.Relative), TestContext.Current.CancellationToken);
        var antiforgery = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);
        Assert.NotEmpty(antiforgery);
        using var form = new FormUrlEncodedContent([new("__shlogin_af", antiforgery)]);
        using var answer = await client.Http.PostAsync(new Uri("auth/logout", UriKind.Relative), form, TestContext.Current.CancellationToken);
        Assert.Equal("/auth/login", answer.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [GeneratedRegex("name=\"__shlogin_af\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
