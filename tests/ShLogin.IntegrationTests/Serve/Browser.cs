using System.Net;
using System.Text.RegularExpressions;

namespace ShLogin.IntegrationTests.Serve;

/// <summary>
/// Just enough of a browser for the login pages: keeps cookies, submits forms with their hidden
/// fields, and never follows redirects (the tests look at each one).
/// </summary>
public sealed partial class Browser : IDisposable
{
    private readonly HttpClient client;
    private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);

    public Browser(Uri baseAddress)
    {
        client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public string? Cookie(string name) => cookies.GetValueOrDefault(name);

    public void SetCookie(string name, string value) => cookies[name] = value;

    public Task<HttpResponseMessage> GetAsync(string target) => SendAsync(new HttpRequestMessage(HttpMethod.Get, target));

    /// <summary>Loads the page at <paramref name="pageTarget"/> and submits its form with its hidden fields plus <paramref name="fields"/>.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string pageTarget, params (string Name, string Value)[] fields)
    {
        using var page = await GetAsync(pageTarget);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var action = FormAction().Match(html);
        Assert.True(action.Success, $"no form on {pageTarget}:\n{html}");
        var values = HiddenFields(html).Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, WebUtility.HtmlDecode(action.Groups[1].Value))
        {
            Content = new FormUrlEncodedContent(values),
        });
    }

    /// <summary>The hidden inputs of a page, decoded.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> HiddenFields(string html) =>
        HiddenInput().Matches(html)
            .Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value)))
            .ToList();

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = pair[..equals].Trim();
                var value = pair[(equals + 1)..].Trim();
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

        return response;
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\">")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();
}
