using System.Net;
using System.Text.RegularExpressions;

namespace ShLogin.Testing.Http;

/// <summary>
/// Just enough of a browser for the login pages over plain HTTP: keeps cookies across requests,
/// can send what nginx adds (<c>X-Real-IP</c>, <c>X-Forwarded-Proto</c>), submits forms with their
/// hidden fields (the antiforgery token among them) and never follows redirects (tests look at each one).
/// </summary>
public sealed partial class FormBrowser : IDisposable
{
    /// <summary>The name of the login form's antiforgery field.</summary>
    public const string AntiforgeryField = "__shlogin_af";

    private readonly HttpClient client;
    private readonly bool ownsClient;
    private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);

    /// <summary>A browser over <paramref name="client"/>, which must not follow redirects nor keep cookies itself; the caller keeps owning it.</summary>
    public FormBrowser(HttpClient client)
        : this(client, ownsClient: false)
    {
    }

    private FormBrowser(HttpClient client, bool ownsClient)
    {
        this.client = client;
        this.ownsClient = ownsClient;
    }

    /// <summary>The <c>X-Real-IP</c> header to send, as nginx does; none when null.</summary>
    public string? RealIp { get; set; }

    /// <summary>The <c>X-Forwarded-Proto</c> header to send, as nginx does; none when null.</summary>
    public string? ForwardedProto { get; set; }

    /// <summary>The raw Set-Cookie headers of the last response.</summary>
    public IReadOnlyList<string> LastSetCookies { get; private set; } = [];

    /// <summary>A browser of its own talking to <paramref name="baseAddress"/>; disposing it closes its connections.</summary>
    public static FormBrowser For(Uri baseAddress) =>
        new(
            new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            {
                BaseAddress = baseAddress,
                Timeout = TimeSpan.FromSeconds(30),
            },
            ownsClient: true);

    /// <summary>The value of a cookie the browser holds, or null.</summary>
    public string? Cookie(string name) => cookies.GetValueOrDefault(name);

    /// <summary>Sets a cookie as if a server had set it.</summary>
    public void SetCookie(string name, string value) => cookies[name] = value;

    /// <summary>Drops a cookie.</summary>
    public void ForgetCookie(string name) => cookies.Remove(name);

    /// <summary>GET <paramref name="target"/>.</summary>
    public Task<HttpResponseMessage> GetAsync(string target) => SendAsync(new HttpRequestMessage(HttpMethod.Get, target));

    /// <summary>POST the fields, form-encoded, to <paramref name="target"/>.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string target, IEnumerable<KeyValuePair<string, string>> fields) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, target) { Content = new FormUrlEncodedContent(fields) });

    /// <summary>Loads the page at <paramref name="pageTarget"/> and submits its form with its hidden fields plus <paramref name="fields"/>.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string pageTarget, params (string Name, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        using var page = await GetAsync(pageTarget);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var action = FormAction().Match(html);
        Assert.True(action.Success, $"no form on {pageTarget}:\n{html}");
        var values = HiddenFields(html).Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await PostFormAsync(WebUtility.HtmlDecode(action.Groups[1].Value), values);
    }

    /// <summary>Loads a page and returns the value of its antiforgery field.</summary>
    public async Task<string> AntiforgeryTokenFromAsync(string pageTarget)
    {
        using var page = await GetAsync(pageTarget);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return AntiforgeryTokenIn(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Loads the login form, fills in what is given and submits it to <c>/auth/login</c>.</summary>
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

    /// <summary>What <c>/auth/check</c> answers for the cookies the browser holds.</summary>
    public async Task<HttpStatusCode> CheckAsync()
    {
        using var response = await GetAsync("/auth/check");
        return response.StatusCode;
    }

    /// <summary>Sends the request with the cookies and nginx headers, and keeps the cookies the answer sets.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
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

    /// <summary>The hidden inputs of a page, names and values decoded.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> HiddenFields(string html) =>
        HiddenInput().Matches(html)
            .Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value)))
            .ToList();

    /// <summary>The value of the antiforgery field of a page; fails the test when there is none.</summary>
    public static string AntiforgeryTokenIn(string html)
    {
        var match = AntiforgeryInput().Match(html);
        Assert.True(match.Success, "the page has no antiforgery field");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Closes the connections when the browser made its own client.</summary>
    public void Dispose()
    {
        if (ownsClient)
        {
            client.Dispose();
        }
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
            if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                cookies.Remove(name);
            }
            else
            {
                cookies[name] = value;
            }
        }
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\">")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<input type=\"hidden\" name=\"__shlogin_af\" value=\"([^\"]+)\">")]
    private static partial Regex AntiforgeryInput();
}
