using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using ShLogin.Vault.Storage;
using ShLogin.Vault.Web;

namespace ShLogin.Vault.Tests.Web;

/// <summary>The web view in-process: forms refused without the page's token or from another site, headers, escaping.</summary>
public sealed partial class OtpPagesTests : IAsyncDisposable
{
    private const string Uri = "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example";
    private readonly TestDirectory _directory = new();
    private readonly VaultStore _store;
    private readonly WebApplication _app;
    private readonly HttpClient _client;

    public OtpPagesTests()
    {
        _store = new VaultStore(_directory.File("otp.vault"));
        var key = _store.Create(TestVaults.Passphrase, TestVaults.Cheap);
        _app = OtpWebApp.Create(null, _store, key, TimeProvider.System, builder => builder.WebHost.UseTestServer());
        _app.StartAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        _client = _app.GetTestClient();
        _client.BaseAddress = new System.Uri("http://vault.test/");
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task The_page_has_a_strict_policy_and_no_external_assets()
    {
        using var response = await _client.GetAsync("/", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = string.Join(';', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
    }

    [Fact]
    public async Task A_form_with_the_pages_token_adds_the_account()
    {
        using var response = await PostAsync("add", new() { ["csrf"] = await TokenAsync(), ["uri"] = Uri }, origin: "http://vault.test");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("./?added=Example", response.Headers.Location?.OriginalString);
        Assert.Equal("Example", Assert.Single(ContentsNow().Accounts).Name);
    }

    [Theory]
    [InlineData(null, null, null)] // no token
    [InlineData("wrong", null, null)] // a token, not the page's
    [InlineData("page", "http://evil.test", null)] // the page's token from another origin
    [InlineData("page", "null", null)] // an opaque origin
    [InlineData("page", null, "cross-site")] // a cross-site fetch
    public async Task Forged_forms_are_refused_and_change_nothing(string? token, string? origin, string? fetchSite)
    {
        var form = new Dictionary<string, string> { ["uri"] = Uri };
        if (token is not null)
        {
            form["csrf"] = token == "page" ? await TokenAsync() : token;
        }

        var before = File.ReadAllBytes(_store.Path);
        using var response = await PostAsync("add", form, origin, fetchSite);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, File.ReadAllBytes(_store.Path));
    }

    [Fact]
    public async Task Names_are_escaped_in_the_page()
    {
        await PostAsync("add", new() { ["csrf"] = await TokenAsync(), ["uri"] = "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP", ["name"] = "<script>alert(1)</script>" });

        var html = await _client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_uri_comes_back_as_a_message_and_adds_nothing()
    {
        using var response = await PostAsync("add", new() { ["csrf"] = await TokenAsync(), ["uri"] = "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=12" });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith("./?error=", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Empty(ContentsNow().Accounts);
    }

    private Accounts.VaultContents ContentsNow()
    {
        var (key, contents) = _store.Unlock(TestVaults.Passphrase);
        key.Dispose();
        return contents;
    }

    private async Task<string> TokenAsync()
    {
        var html = await _client.GetStringAsync("/", TestContext.Current.CancellationToken);
        return TokenField().Match(html).Groups[1].Value;
    }

    private async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> form, string? origin = null, string? fetchSite = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return await _client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("name=\"csrf\" value=\"([0-9A-F]+)\"")]
    private static partial Regex TokenField();
}
