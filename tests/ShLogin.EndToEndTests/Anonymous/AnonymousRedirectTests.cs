using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ShLogin.EndToEndTests.Infrastructure;

namespace ShLogin.EndToEndTests.Anonymous;

/// <summary>
/// In the stack <c>sh-login start</c> runs (session gate on), a request without any session cookie
/// gets from nginx exactly what the login service answers the same request with a forged session
/// cookie, and the login service's counters do not move.
/// </summary>
public sealed partial class AnonymousRedirectTests
{
    private static readonly string[] Targets =
    [
        "/",
        "/lab/tree?a=1&b=2",
        "//evil.com",
        "/%2Fevil.com",
        "/\\evil.com",
        "/a%0d%0aSet-Cookie:%20x=1",
        "/x?next=//evil.com",
        "http://evil.com/x",
    ];

    [Fact]
    public async Task Without_a_session_cookie_nginx_answers_as_the_login_service_without_asking_it()
    {
        Requirements.Nginx();
        await using var stack = await StackProcess.StartAsync(StackOptions.PythonHttpServer(Requirements.Python()));
        using var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        var sessionCookie = client.Cookies.GetCookies(stack.Url).Single(c => !c.Name.EndsWith("_gate", StringComparison.Ordinal) && !c.Name.EndsWith("_af", StringComparison.Ordinal));
        var port = stack.Url.Port;

        foreach (var target in Targets)
        {
            foreach (var method in new[] { "GET", "POST" })
            {
                var asLoginService = await RawHttp.SendAsync(port, method, target, [$"Cookie: {sessionCookie.Name}=forged"]);
                var before = await CountersAsync(client);
                var answer = await RawHttp.SendAsync(port, method, target, [$"Cookie: {sessionCookie.Name}_af=x; other=1"]);
                var after = await CountersAsync(client);

                Assert.Equal(302, asLoginService.Status);
                Assert.Equal(asLoginService.Status, answer.Status);
                foreach (var header in new[] { "Location", "Cache-Control", "Pragma", "Referrer-Policy", "Set-Cookie" })
                {
                    Assert.Equal(asLoginService.Header(header), answer.Header(header));
                }

                Assert.Equal(before, after);
            }
        }
    }

    private static async Task<(double Checks, double Redirects)> CountersAsync(SignedInClient client)
    {
        using var response = await client.Http.GetAsync(new Uri(client.BaseAddress, "/auth/metrics"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (Sum(text, "shlogin_auth_checks_total"), Sum(text, "shlogin_sign_in_redirects_total"));
    }

    private static double Sum(string text, string name) =>
        Sample().Matches(text)
            .Where(match => match.Groups["name"].Value == name)
            .Sum(match => double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(?:\{[^}]*\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
