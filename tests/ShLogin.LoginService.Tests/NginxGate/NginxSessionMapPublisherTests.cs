using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ShLogin.Configuration;
using ShLogin.LoginService.NginxGate;
using ShLogin.LoginService.Sessions;
using ShLogin.LoginService.Tests.TestSupport;
using ShLogin.Nginx;

namespace ShLogin.LoginService.Tests.NginxGate;

/// <summary>The login service keeps nginx's list of sessions equal to its allow-list, and gives browsers the gate cookie.</summary>
public sealed class NginxSessionMapPublisherTests : IDisposable
{
    private const string CookieName = "shlogin_9123";
    private const string GateCookie = CookieName + NginxAuthContract.GateCookieSuffix;

    private readonly TemporaryDirectory _directory = new();

    private string GateDirectory => _directory.Combine("nginx", "sessions");

    [Fact]
    public async Task A_login_lists_the_session_and_gives_the_browser_its_key_with_the_session_cookie_s_attributes()
    {
        await using var host = await StartAsync();
        var browser = host.NewBrowser();

        using var login = await browser.LoginAsync(TestSecrets.Token);

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        var key = browser.Cookie(GateCookie);
        Assert.True(NginxSessionMap.IsValidKey(key), key);
        Assert.Equal([key!], MapEntries());
        var gate = Assert.Single(browser.LastSetCookies, c => c.StartsWith(GateCookie + "=", StringComparison.Ordinal));
        var session = Assert.Single(browser.LastSetCookies, c => c.StartsWith(CookieName + "=", StringComparison.Ordinal));
        Assert.Equal(Attributes(session), Attributes(gate));
        Assert.Contains("httponly", Attributes(gate));
        Assert.Contains("samesite=lax", Attributes(gate));
        Assert.Contains("path=/", Attributes(gate));
    }

    [Fact]
    public async Task A_logout_removes_the_session_from_the_map_and_clears_the_gate_cookie()
    {
        await using var host = await StartAsync();
        var other = host.NewBrowser();
        using (await other.LoginAsync(TestSecrets.Token))
        {
        }

        var browser = host.NewBrowser();
        using (await browser.LoginAsync(TestSecrets.Token))
        {
        }

        var key = browser.Cookie(GateCookie)!;
        Assert.Contains(key, MapEntries());
        var antiforgery = await browser.AntiforgeryTokenFromAsync("/auth/logout");

        using var logout = await browser.PostFormAsync("/auth/logout", [new(FormBrowser.AntiforgeryField, antiforgery)]);

        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        Assert.Equal([other.Cookie(GateCookie)!], MapEntries());
        var cleared = Assert.Single(browser.LastSetCookies, c => c.StartsWith(GateCookie + "=", StringComparison.Ordinal));
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
        Assert.Null(browser.Cookie(GateCookie));
    }

    [Fact]
    public async Task An_expired_session_leaves_the_map_when_its_lifetime_ends_without_any_request()
    {
        await using var host = await StartAsync(TimeSpan.FromMinutes(10));
        var browser = host.NewBrowser();
        using (await browser.LoginAsync(TestSecrets.Token))
        {
        }

        host.Time.Advance(TimeSpan.FromMinutes(9));
        var later = host.NewBrowser();
        using (await later.LoginAsync(TestSecrets.Token))
        {
        }

        Assert.Equal(2, MapEntries().Count);

        host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([later.Cookie(GateCookie)!], MapEntries());

        host.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Empty(MapEntries());
    }

    [Fact]
    public async Task Sessions_saved_by_an_earlier_run_are_listed_at_start_and_the_map_is_emptied_at_stop()
    {
        string key;
        await using (var first = await StartAsync())
        {
            var browser = first.NewBrowser();
            using (await browser.LoginAsync(TestSecrets.Token))
            {
            }

            key = browser.Cookie(GateCookie)!;
        }

        Assert.Empty(MapEntries());

        await using var second = await StartAsync();
        Assert.Equal([key], MapEntries());

        await second.App.StopAsync(TestContext.Current.CancellationToken);
        Assert.Empty(MapEntries());
    }

    [Fact]
    public async Task Session_ids_never_reach_the_map_file()
    {
        await using var host = await StartAsync();
        var browser = host.NewBrowser();
        using (await browser.LoginAsync(TestSecrets.Token))
        {
        }

        var sessionId = Assert.Single(host.App.Services.GetRequiredService<ISessionStore>().ListActive()).SessionId;
        Assert.DoesNotContain(sessionId, string.Join('\n', Directory.EnumerateFileSystemEntries(GateDirectory)), StringComparison.Ordinal);
        Assert.All(Directory.EnumerateFiles(GateDirectory), entry => Assert.Equal(0, new FileInfo(entry).Length));
    }

    [Fact]
    public async Task Without_a_gate_there_is_no_gate_cookie_and_no_map()
    {
        var options = LoginServiceHost.OptionsFor(AuthMode.Token, _directory.Combine("data"), LoginServiceHost.NewClock());
        await using var host = await LoginServiceHost.StartAsync(options);
        var browser = host.NewBrowser();

        using var login = await browser.LoginAsync(TestSecrets.Token);

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.DoesNotContain(browser.LastSetCookies, c => c.Contains(NginxAuthContract.GateCookieSuffix + "=", StringComparison.Ordinal));
        Assert.False(Directory.Exists(GateDirectory));
    }

    [Theory]
    [InlineData("__Host-shlogin")]
    [InlineData("shlogin-9123")]
    public void A_gate_needs_a_cookie_name_nginx_can_read(string cookieName)
    {
        var options = new LoginServiceOptions
        {
            Token = TestSecrets.Token,
            DataDirectory = _directory.Combine("data"),
            CookieName = cookieName,
            SecureCookie = SecureCookieMode.On,
            NginxGate = new NginxGateOptions(GateDirectory),
        };

        Assert.Contains(options.Validate(), error => error.StartsWith("CookieName:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sessions")]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("/run/sessions\n")]
    public void A_gate_needs_an_absolute_directory(string directory)
    {
        var options = new LoginServiceOptions
        {
            Token = TestSecrets.Token,
            DataDirectory = _directory.Combine("data"),
            NginxGate = new NginxGateOptions(directory),
        };

        Assert.Contains(options.Validate(), error => error.StartsWith("NginxGate.", StringComparison.Ordinal));
    }

    public void Dispose() => _directory.Dispose();

    private static List<string> Attributes(string setCookie) =>
        [.. setCookie.Split(';').Skip(1).Select(part => part.Trim().ToLowerInvariant()).Order(StringComparer.Ordinal)];

    private async Task<LoginServiceHost> StartAsync(TimeSpan? sessionTtl = null)
    {
        var time = LoginServiceHost.NewClock();
        var options = new LoginServiceOptions
        {
            Mode = AuthMode.Token,
            Token = TestSecrets.Token,
            DataDirectory = _directory.Combine("data"),
            TimeProvider = time,
            CookieName = CookieName,
            SessionTtl = sessionTtl ?? LoginServiceOptions.DefaultSessionTtl,
            NginxGate = new NginxGateOptions(GateDirectory),
        };
        return await LoginServiceHost.StartAsync(options);
    }

    private IReadOnlyList<string> MapEntries() => NginxSessionGateDirectory.List(GateDirectory);
}
