using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using ShLogin.LoginService.Endpoints;
using ShLogin.LoginService.Security;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Endpoints;

/// <summary><c>/auth/signin-redirect</c>: nginx's way to send a browser without a session to the login page.</summary>
public class SignInRedirectEndpointTests
{
    private const string OriginalUri = "X-Original-URI";

    public static TheoryData<string> HostileOriginals => new()
    {
        "//evil.example",
        "//evil.example/path?x=1",
        "/\\evil.example",
        "\\\\evil.example",
        "https://evil.example",
        "http://evil.example/lab",
        "javascript:alert(1)",
        "evil.example",
        "/%2F%2Fevil.example",
        "/%5Cevil.example",
        "/%252F%252Fevil.example",
        "/app\r\nSet-Cookie: shlogin_session=attacker",
        "/app\nLocation: //evil.example",
        "/app%0d%0aSet-Cookie:%20x=y",
        "/\t/evil.example",
        "/app\0",
        "/caf\u00e9",
        "",
        " ",
        "/" + new string('a', NextPath.MaxLength),
        "/" + new string('a', 100_000),
    };

    [Theory]
    [InlineData("/", "%2F")]
    [InlineData("/lab/tree?a=1&b=2", "%2Flab%2Ftree%3Fa%3D1%26b%3D2")]
    [InlineData("/notebooks/My%20Notebook.ipynb", "%2Fnotebooks%2FMy%2520Notebook.ipynb")]
    [InlineData("/search?q=https://example.org&next=/x?y=1", "%2Fsearch%3Fq%3Dhttps%3A%2F%2Fexample.org%26next%3D%2Fx%3Fy%3D1")]
    public async Task A_same_site_target_is_carried_encoded_as_next(string original, string encodedNext)
    {
        await using var host = await LoginServiceHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/signin-redirect");
        request.Headers.Add(OriginalUri, original);

        using var response = await host.NewBrowser().SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"/auth/login?next={encodedNext}", response.Headers.Location?.OriginalString);
        Assert.Equal(original, NextOf(response.Headers.Location!.OriginalString));
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Head_is_answered_like_get()
    {
        await using var host = await LoginServiceHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Head, "/auth/signin-redirect");
        request.Headers.Add(OriginalUri, "/tree?x=1");

        using var response = await host.NewBrowser().SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/auth/login?next=%2Ftree%3Fx%3D1", response.Headers.Location?.OriginalString);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Other_methods_are_not_answered_with_a_redirect()
    {
        await using var host = await LoginServiceHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/signin-redirect");
        request.Headers.Add(OriginalUri, "/tree");

        using var response = await host.NewBrowser().SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Without_the_header_next_is_the_site_root()
    {
        await using var host = await LoginServiceHost.StartAsync();

        using var response = await host.NewBrowser().GetAsync("/auth/signin-redirect");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/auth/login?next=%2F", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(HostileOriginals))]
    public async Task A_hostile_original_target_becomes_the_site_root(string original)
    {
        var context = ContextWith(original);

        await SignInRedirectEndpoint.HandleAsync(context);

        Assert.Equal(StatusCodes.Status302Found, context.Response.StatusCode);
        var location = context.Response.Headers.Location.ToString();
        Assert.Equal("/auth/login?next=%2F", location);
        Assert.Equal("no-store", context.Response.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task Several_original_target_headers_are_refused()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Headers[OriginalUri] = new(["/a", "/b"]);

        await SignInRedirectEndpoint.HandleAsync(context);

        Assert.Equal("/auth/login?next=%2F", context.Response.Headers.Location.ToString());
    }

    [Fact]
    public async Task The_login_page_it_points_to_keeps_the_target_for_after_the_login()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var browser = host.NewBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/signin-redirect");
        request.Headers.Add(OriginalUri, "/lab/tree?a=1&b=2");
        using var redirect = await browser.SendAsync(request);

        using var form = await browser.GetAsync(redirect.Headers.Location!.OriginalString);
        var html = await form.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var login = await browser.LoginAsync(TestSecrets.Token, next: "/lab/tree?a=1&b=2");

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("name=\"next\" value=\"/lab/tree?a=1&amp;b=2\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/lab/tree?a=1&b=2", login.Headers.Location?.OriginalString);
    }

    private static DefaultHttpContext ContextWith(string original)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = SignInRedirectEndpoint.Path;
        context.Request.Headers[OriginalUri] = original;
        return context;
    }

    private static string? NextOf(string location)
    {
        var query = location[location.IndexOf('?', StringComparison.Ordinal)..];
        return QueryHelpers.ParseQuery(query)["next"];
    }
}
