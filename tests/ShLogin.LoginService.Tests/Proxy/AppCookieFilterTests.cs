using Microsoft.Extensions.Primitives;
using ShLogin.LoginService.Proxy;
using ShLogin.Nginx;

namespace ShLogin.LoginService.Tests.Proxy;

/// <summary>The built-in proxy's Cookie header for the app, on the same inputs as nginx's cookie maps (AppCookieTests).</summary>
public class AppCookieFilterTests
{
    private static readonly IReadOnlyList<string> Names = NginxAuthContract.LoginServiceCookieNames("shlogin_session");

    [Theory]
    [InlineData("shlogin_session=S; a=1; shlogin_session_gate=G; b=2; shlogin_session_af=F", "a=1; b=2")]
    [InlineData("a=1; shlogin_session=S; shlogin_session=T; _xsrf=2|x", "a=1; _xsrf=2|x")]
    [InlineData("SHLOGIN_SESSION=S;shlogin_x=1;shlogin_session_gatex=2", "shlogin_x=1;shlogin_session_gatex=2")]
    [InlineData(" shlogin_session =S ; a=1", "a=1")]
    [InlineData("a=1", "a=1")]
    [InlineData("a", "a")]
    [InlineData("shlogin_session=S", null)]
    [InlineData("shlogin_session=S; shlogin_session_af=F;", null)]
    [InlineData("", null)]
    // nginx's maps give up after two of one name and drop the whole header; here every one goes.
    [InlineData("shlogin_session=S; shlogin_session=T; shlogin_session=U; a=1", "a=1")]
    public void Removes_the_login_service_cookies_and_keeps_the_rest_in_order(string sent, string? expected)
    {
        Assert.Equal(expected, AppCookieFilter.Filter(new StringValues(sent), Names));
    }

    [Fact]
    public void Several_cookie_headers_are_each_filtered_and_joined()
    {
        Assert.Equal("a=1; b=2", AppCookieFilter.Filter(new StringValues(["a=1; shlogin_session=S", "shlogin_session_gate=G", "b=2"]), Names));
    }

    [Fact]
    public void A_header_without_login_service_cookies_is_passed_on_as_it_is()
    {
        const string sent = "a=1; _xsrf=2|x; b";

        Assert.Same(sent, AppCookieFilter.Filter(new StringValues(sent), Names));
    }

    [Fact]
    public void Random_headers_are_filtered_as_splitting_and_joining_them_would()
    {
        var random = new Random(16);
        var pieces = new[] { "shlogin_session", "SHLOGIN_SESSION", "shlogin_session_gate", "shlogin_session_af", "a", "b_c", " ", "=", ";", "; ", "x", "\t", "\u00a0" };
        for (var i = 0; i < 20_000; i++)
        {
            var headers = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => pieces[random.Next(pieces.Length)])))
                .ToArray();

            Assert.Equal(SplitAndJoin(headers), AppCookieFilter.Filter(new StringValues(headers), Names));
        }
    }

    [Fact]
    public void Random_headers_never_let_a_login_service_cookie_through()
    {
        var random = new Random(15);
        var pieces = new[] { "shlogin_session", "SHLOGIN_SESSION", "shlogin_session_gate", "shlogin_session_af", "a", "b_c", " ", "=", ";", "x", "\t" };
        for (var i = 0; i < 20_000; i++)
        {
            var sent = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => pieces[random.Next(pieces.Length)]));
            var result = AppCookieFilter.Filter(new StringValues(sent), Names);
            if (result is null)
            {
                continue;
            }

            foreach (var pair in result.Split(';'))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals >= 0)
                {
                    Assert.DoesNotContain(pair[..equals].Trim(), Names, StringComparer.OrdinalIgnoreCase);
                }
            }
        }
    }

    // The plain way: every pair split out, the login service's dropped, the rest joined again.
    private static string? SplitAndJoin(string[] headers)
    {
        var kept = new List<string>();
        foreach (var header in headers)
        {
            var rest = string.Join(';', header.Split(';').Where(pair => !IsLoginServiceCookie(pair))).TrimStart();
            if (rest.Trim().Length > 0)
            {
                kept.Add(rest);
            }
        }

        return kept.Count == 0 ? null : string.Join("; ", kept);
    }

    private static bool IsLoginServiceCookie(string pair) =>
        pair.IndexOf('=', StringComparison.Ordinal) is var equals and >= 0
        && Names.Contains(pair[..equals].Trim(), StringComparer.OrdinalIgnoreCase);
}
