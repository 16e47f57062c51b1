using System.Net;
using ShLogin.Nginx;
using Xunit;

namespace ShLogin.IntegrationTests.Nginx;

/// <summary>The auth_request wiring of the generated config, against real nginx.</summary>
public sealed class AuthRequestWiringTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/tree")]
    [InlineData("/notebooks/my%20notebook.ipynb?kernel=python3&mode=edit")]
    [InlineData("/files/a%26b.txt?download=1&x=%2F")]
    [InlineData("/search?q=a+b&next=/other?x=1")]
    public async Task Without_a_session_cookie_nginx_itself_sends_the_browser_to_the_login_page_with_its_target_encoded(string target)
    {
        await using var site = await ProtectedSite.StartAsync();

        using var response = await site.AnonymousClient.GetAsync(new Uri(target, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal($"/auth/login?next={Uri.EscapeDataString(target)}", location);
        Assert.DoesNotContain('&', location);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Empty(site.Auth.Requests);
        Assert.Empty(site.App.Requests);
    }

    [Theory]
    [InlineData("/api/contents?path=%C3%A9t%C3%A9&type=directory", null)]
    [InlineData("/tree", "shlogin_session=forged")]
    [InlineData("/tree", "a=1; shlogin_session_gate=0123456789abcdef0123456789abcdef")]
    public async Task A_session_cookie_or_a_target_nginx_cannot_encode_is_asked_of_the_login_service_as_before(string target, string? cookie)
    {
        await using var site = await ProtectedSite.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await site.AnonymousClient.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/auth/login?next={Uri.EscapeDataString(target)}", response.Headers.Location!.OriginalString);
        Assert.Single(site.Auth.RequestsTo(NginxAuthContract.CheckPath));
        var redirect = Assert.Single(site.Auth.RequestsTo(NginxAuthContract.SignInRedirectPath));
        Assert.Equal(target, redirect.Header(NginxAuthContract.OriginalUriHeader));
        Assert.Empty(site.App.Requests);
    }

    [Fact]
    public async Task An_antiforgery_cookie_alone_is_no_session()
    {
        await using var site = await ProtectedSite.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tree");
        request.Headers.Add("Cookie", "shlogin_session_af=token; other=1");

        using var response = await site.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/auth/login?next=%2Ftree", response.Headers.Location!.OriginalString);
        Assert.Empty(site.Auth.Requests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("shlogin_session=forged")]
    public async Task A_post_without_a_session_is_redirected_and_its_body_goes_nowhere(string? cookie)
    {
        await using var site = await ProtectedSite.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/save?x=1") { Content = new StringContent("secret=form-data") };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await site.AnonymousClient.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/auth/login?next=%2Fapi%2Fsave%3Fx%3D1", response.Headers.Location!.OriginalString);
        if (cookie is null)
        {
            Assert.Empty(site.Auth.Requests);
        }
        else
        {
            var redirect = Assert.Single(site.Auth.RequestsTo(NginxAuthContract.SignInRedirectPath));
            Assert.Equal("GET", redirect.Method);
            Assert.Null(redirect.Header("Content-Length"));
        }

        Assert.DoesNotContain(site.Auth.Requests, r => r.Headers.Values.Any(v => v.Contains("form-data", StringComparison.Ordinal)));
        Assert.Empty(site.App.Requests);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(204)]
    public async Task A_2xx_check_serves_the_app(int checkStatus)
    {
        await using var site = await ProtectedSite.StartAsync();
        site.Auth.CheckStatus = checkStatus;

        using var response = await site.Client.GetAsync(new Uri("/lab/tree?a=1&b=2", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(AppStub.ContentMarker, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var appRequest = Assert.Single(site.App.Requests);
        Assert.Equal("/lab/tree?a=1&b=2", appRequest.RawTarget);
        var check = Assert.Single(site.Auth.RequestsTo(NginxAuthContract.CheckPath));
        Assert.Equal("/lab/tree?a=1&b=2", check.Header(NginxAuthContract.OriginalUriHeader));
    }

    [Theory]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(404)]
    [InlineData(418)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Any_other_check_answer_fails_closed(int checkStatus)
    {
        await using var site = await ProtectedSite.StartAsync();
        site.Auth.CheckStatus = checkStatus;

        using var response = await site.Client.GetAsync(new Uri("/notebooks/x.ipynb", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("login service is unavailable", body, StringComparison.Ordinal);
        Assert.DoesNotContain(AppStub.ContentMarker, body, StringComparison.Ordinal);
        Assert.DoesNotContain("check body", body, StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
        Assert.Empty(site.App.Requests);
    }

    [Fact]
    public async Task A_403_check_refuses_without_redirecting()
    {
        await using var site = await ProtectedSite.StartAsync();
        site.Auth.CheckStatus = 403;

        using var response = await site.Client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Empty(site.App.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task When_the_login_service_is_down_the_app_is_not_served(bool unixSockets)
    {
        await using var site = await ProtectedSite.StartAsync(unixSockets);
        site.Auth.CheckStatus = 204;
        await site.Auth.StopAsync();

        using var response = await site.Client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain(AppStub.ContentMarker, body, StringComparison.Ordinal);
        Assert.Empty(site.App.Requests);
    }

    [Fact]
    public async Task Both_upstreams_work_over_unix_sockets()
    {
        await using var site = await ProtectedSite.StartAsync(unixSockets: true);

        using var denied = await site.Client.GetAsync(new Uri("/x?y=1", UriKind.Relative), TestContext.Current.CancellationToken);
        site.Auth.CheckStatus = 204;
        using var allowed = await site.Client.GetAsync(new Uri("/x?y=1", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal("/auth/login?next=%2Fx%3Fy%3D1", denied.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Single(site.App.Requests);
    }

    [Fact]
    public async Task A_user_header_sent_by_the_browser_never_reaches_the_app()
    {
        await using var site = await ProtectedSite.StartAsync();
        site.Auth.CheckStatus = 204;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add(NginxAuthContract.UserHeader, "mallory");

        using var response = await site.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Assert.Single(site.App.Requests).Header(NginxAuthContract.UserHeader));
    }

    [Fact]
    public async Task The_app_gets_the_user_named_by_the_login_service_instead_of_the_browsers()
    {
        await using var site = await ProtectedSite.StartAsync();
        site.Auth.CheckStatus = 204;
        site.Auth.CheckUser = "alice";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add(NginxAuthContract.UserHeader, "mallory");

        using var response = await site.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alice", Assert.Single(site.App.Requests).Header(NginxAuthContract.UserHeader));
    }

    [Theory]
    [InlineData("/auth/check")]
    [InlineData("/auth/signin-redirect")]
    public async Task Internal_login_service_paths_cannot_be_requested_by_browsers(string path)
    {
        await using var site = await ProtectedSite.StartAsync();
        site.Auth.CheckStatus = 204;

        using var response = await site.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(site.Auth.Requests);
        Assert.Empty(site.App.Requests);
    }

    [Fact]
    public async Task Login_pages_are_served_without_a_session_with_the_client_identity_set_by_nginx()
    {
        await using var site = await ProtectedSite.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/login?next=%2Ftree");
        request.Headers.Add(NginxAuthContract.RealIpHeader, "203.0.113.9");
        request.Headers.Add(NginxAuthContract.UserHeader, "mallory");

        using var response = await site.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AuthServiceStub.LoginPageMarker, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var login = Assert.Single(site.Auth.Requests);
        Assert.Equal("/auth/login?next=%2Ftree", login.RawTarget);
        Assert.Equal("127.0.0.1", login.Header(NginxAuthContract.RealIpHeader));
        Assert.Equal("http", login.Header("X-Forwarded-Proto"));
        Assert.Equal($"127.0.0.1:{site.Nginx.Port}", login.Header("Host"));
        Assert.Null(login.Header(NginxAuthContract.UserHeader));
        Assert.Empty(site.App.Requests);
    }

    [Fact]
    public async Task The_check_sees_the_browsers_cookies_but_no_request_body()
    {
        await using var site = await ProtectedSite.StartAsync();
        site.Auth.CheckStatus = 204;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/run?cell=3")
        {
            Content = new StringContent("print('hello')"),
        };
        request.Headers.Add("Cookie", "shlogin_session=session-value");

        using var response = await site.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var check = Assert.Single(site.Auth.RequestsTo(NginxAuthContract.CheckPath));
        Assert.Equal("GET", check.Method);
        Assert.Equal("shlogin_session=session-value", check.Header("Cookie"));
        Assert.Equal("/api/run?cell=3", check.Header(NginxAuthContract.OriginalUriHeader));
        Assert.Null(check.Header("Content-Length"));
        Assert.Equal("POST", Assert.Single(site.App.Requests).Method);
    }

    [Fact]
    public async Task The_app_secret_replaces_the_browsers_authorization_and_stays_away_from_the_login_service()
    {
        await using var site = await ProtectedSite.StartAsync(appSecretHeader: new AppSecretHeader("Authorization", "token s3cret-value"));
        site.Auth.CheckStatus = 204;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/kernels");
        request.Headers.Add("Authorization", "token guessed");

        using var response = await site.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("token s3cret-value", Assert.Single(site.App.Requests).Header("Authorization"));
        Assert.DoesNotContain(site.Auth.Requests, r => r.Headers.Values.Any(v => v.Contains("s3cret", StringComparison.Ordinal)));
    }
}
