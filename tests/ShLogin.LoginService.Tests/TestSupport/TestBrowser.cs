using System.Net;
using System.Text.RegularExpressions;

namespace ShLogin.LoginService.Tests.TestSupport;

/// <summary>
/// Just enough of a browser: keeps cookies across requests, sends what nginx adds
/// (<c>X-Real-IP</c>, <c>X-Forwarded-Proto</c>), reads the antiforgery field from a form and
/// never follows redirects (tests look at them).
/// </summary>
internal sealed partial class TestBrowser(HttpClient client)
{
    public const string AntiforgeryField = "__shlogin_af";

    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public string? RealIp { get; set; }

    public string? ForwardedProto { get; set; }

    /// <summary>The raw Set-Cookie headers of the last response.</summary>
    public IReadOnlyList<string> LastSetCookies { get; private set; } = [];

    public string? Cookie(string name) => _cookies.GetValueOrDefault(name);

    public void SetCookie(string name, string value) => _cookies[name] = value;

    public void ForgetCookie(string name) => _cookies.Remove(name);

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    public Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) });

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        if (RealIp is not null)
        {
            request.Headers.Add("X-Real-IP", RealIp);
        }

        if (ForwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", ForwardedProto);
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Absorb(response);
        return response;
    }

    /// <summary>Loads a page and returns the value of its antiforgery field.</summary>
    public async Task<string> AntiforgeryTokenFromAsync(string pageUrl)
    {
        using var page = await GetAsync(pageUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return AntiforgeryTokenIn(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static string AntiforgeryTokenIn(string html)
    {
        var match = AntiforgeryInput().Match(html);
        Assert.True(match.Success, "the page has no antiforgery field");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Loads the login form, fills in what is given and submits it.</summary>
    public async Task<HttpResponseMessage> LoginAsync(string? token = null, string? code = null, string? next = null)
    {
        var antiforgery = await AntiforgeryTokenFromAsync("/auth/login");
        var fields = new List<KeyValuePair<string, string>> { new(AntiforgeryField, antiforgery) };
        if (token is not null)
        {
            fields.Add(new("token", token));
        }

        if (code is not null)
        {
            fields.Add(new("code", code));
        }

        if (next is not null)
        {
            fields.Add(new("next", next));
        }

        return await PostFormAsync("/auth/login", fields);
    }

    public async Task<HttpStatusCode> CheckAsync()
    {
        using var response = await GetAsync("/auth/check");
        return response.StatusCode;
    }

    private void Absorb(HttpResponseMessage response)
    {
        LastSetCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        foreach (var header in LastSetCookies)
        {
            var nameValue = header.Split(';', 2)[0];
            var equals = nameValue.IndexOf('=', StringComparison.Ordinal);
            var name = nameValue[..equals].Trim();
            var value = nameValue[(equals + 1)..].Trim();
            var deleted = value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
            if (deleted)
            {
                _cookies.Remove(name);
            }
            else
            {
                _cookies[name] = value;
            }
        }
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"__shlogin_af\" value=\"([^\"]+)\">")]
    private static partial Regex AntiforgeryInput();
}
