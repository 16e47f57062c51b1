
using System.Net;

namespace ShLogin.AppHostTests.Infrastructure;

/// <summary>
/// A cookie-keeping HTTP client that talks to a running stack through nginx, as a browser would:
/// no automatic redirects, so each answer of the login flow can be checked.
/// </summary>
public sealed class StackBrowser : IDisposable
{
    private readonly HttpClient _client;

    public StackBrowser(Uri baseUrl)
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            CookieContainer = Cookies,
        })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public CookieContainer Cookies { get; }

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>A GET that sends <paramref name="cookieHeader"/> (cookies copied from another browser) instead of this one's.</summary>
    public Task<HttpResponseMessage> GetAsync(string path, string cookieHeader)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", cookieHeader);
        return _client.SendAsync(request);
    }

    /// <summary>Signs out through the logout page's form (with its antiforgery field); expects the redirect to the login page.</summary>
    public async Task LogOutAsync()
    {
        using var page = await GetAsync("/auth/logout");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var fields = FormBrowser.HiddenFields(await page.Content.ReadAsStringAsync()).ToDictionary(StringComparer.Ordinal);
        using var content = new FormUrlEncodedContent(fields);
        using var answer = await _client.PostAsync(new Uri("/auth/logout", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
    }

    /// <summary>
    /// Logs in with the token through the form: GET the login page, send back its hidden fields
    /// (antiforgery token, next) with the token, and return the POST's answer.
    /// </summary>
    public async Task<HttpResponseMessage> LogInAsync(string token, string next)
    {
        using var form = await GetAsync("/auth/login?next=" + Uri.EscapeDataString(next));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        var fields = FormBrowser.HiddenFields(html).ToDictionary(StringComparer.Ordinal);
        Assert.True(fields.Count >= 2, "the login form has no antiforgery field:\n" + html);
        fields["token"] = token;
        using var content = new FormUrlEncodedContent(fields);
        return await _client.PostAsync(new Uri("/auth/login", UriKind.Relative), content);
    }

    public void Dispose() => _client.Dispose();
}
