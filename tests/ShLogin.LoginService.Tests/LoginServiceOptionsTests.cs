using ShLogin.Configuration;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests;

public class LoginServiceOptionsTests
{
    private static LoginServiceOptions Valid(AuthMode mode = AuthMode.TokenAndTotp) =>
        LoginServiceHost.OptionsFor(mode, "/tmp/shlogin-data", LoginServiceHost.NewClock());

    private static string SingleError(LoginServiceOptions options) => Assert.Single(options.Validate());

    [Theory]
    [InlineData(AuthMode.Token)]
    [InlineData(AuthMode.Totp)]
    [InlineData(AuthMode.TokenAndTotp)]
    public void Complete_options_are_valid(AuthMode mode)
    {
        Assert.Empty(Valid(mode).Validate());
        Valid(mode).EnsureValid();
    }

    [Fact]
    public void The_defaults_are_the_documented_ones()
    {
        var options = new LoginServiceOptions();

        Assert.Equal(AuthMode.Token, options.Mode);
        Assert.Equal(TimeSpan.FromHours(12), options.SessionTtl);
        Assert.Equal("shlogin_session", options.CookieName);
        Assert.Equal(SecureCookieMode.Auto, options.SecureCookie);
        Assert.Null(options.CookieDomain);
        Assert.Same(TimeProvider.System, options.TimeProvider);
    }

    [Theory]
    [InlineData(AuthMode.Token)]
    [InlineData(AuthMode.TokenAndTotp)]
    public void Token_modes_need_a_token(AuthMode mode)
    {
        var error = SingleError(new LoginServiceOptions
        {
            Mode = mode,
            TotpSecret = TestSecrets.TotpKey,
            DataDirectory = "/tmp/x",
        });

        Assert.StartsWith("Token: missing", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("tökén")]
    [InlineData("tab\there")]
    public void Tokens_are_printable_ASCII_without_spaces(string token)
    {
        var options = new LoginServiceOptions { Mode = AuthMode.Token, Token = token, DataDirectory = "/tmp/x" };

        Assert.StartsWith("Token:", SingleError(options), StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_longer_than_any_accepted_input_is_refused()
    {
        var options = new LoginServiceOptions { Mode = AuthMode.Token, Token = new string('a', 1025), DataDirectory = "/tmp/x" };

        Assert.Contains("at most 1024", SingleError(options), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AuthMode.Totp)]
    [InlineData(AuthMode.TokenAndTotp)]
    public void Totp_modes_need_a_long_enough_secret(AuthMode mode)
    {
        var missing = new LoginServiceOptions { Mode = mode, Token = TestSecrets.Token, DataDirectory = "/tmp/x" };
        var tooShort = new LoginServiceOptions { Mode = mode, Token = TestSecrets.Token, TotpSecret = new byte[9], DataDirectory = "/tmp/x" };

        Assert.StartsWith("TotpSecret: missing", SingleError(missing), StringComparison.Ordinal);
        Assert.StartsWith("TotpSecret: 9 bytes is too short", SingleError(tooShort), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_mode_is_named()
    {
        var options = new LoginServiceOptions { Mode = (AuthMode)42, DataDirectory = "/tmp/x" };

        Assert.Contains("Mode: unknown value 42", SingleError(options), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(400 * 24)]
    public void The_session_lifetime_must_be_sensible(int hours)
    {
        var options = new LoginServiceOptions { Token = "t", DataDirectory = "/tmp/x", SessionTtl = TimeSpan.FromHours(hours) };

        Assert.StartsWith("SessionTtl:", SingleError(options), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("example.org")]
    [InlineData(".example.org")]
    [InlineData("a-b.c.example")]
    [InlineData("localhost")]
    public void Host_names_are_accepted_as_cookie_domain(string domain)
    {
        Assert.Empty(new LoginServiceOptions { Token = "t", DataDirectory = "/tmp/x", CookieDomain = domain }.Validate());
    }

    [Theory]
    [InlineData("")]
    [InlineData("example.org; path=/")]
    [InlineData("exa mple.org")]
    [InlineData("-example.org")]
    [InlineData("example..org")]
    [InlineData("http://example.org")]
    public void Other_cookie_domains_are_refused(string domain)
    {
        var options = new LoginServiceOptions { Token = "t", DataDirectory = "/tmp/x", CookieDomain = domain };

        Assert.StartsWith("CookieDomain:", SingleError(options), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a;b")]
    [InlineData("a=b")]
    public void Cookie_names_are_tokens(string name)
    {
        var options = new LoginServiceOptions { Token = "t", DataDirectory = "/tmp/x", CookieName = name };

        Assert.StartsWith("CookieName:", SingleError(options), StringComparison.Ordinal);
    }

    [Fact]
    public void Prefixed_cookie_names_need_what_browsers_demand()
    {
        var host = new LoginServiceOptions { Token = "t", DataDirectory = "/tmp/x", CookieName = "__Host-shlogin" };
        var hostOk = new LoginServiceOptions { Token = "t", DataDirectory = "/tmp/x", CookieName = "__Host-shlogin", SecureCookie = SecureCookieMode.On };
        var secure = new LoginServiceOptions { Token = "t", DataDirectory = "/tmp/x", CookieName = "__Secure-shlogin" };

        Assert.Contains("__Host-", SingleError(host), StringComparison.Ordinal);
        Assert.Empty(hostOk.Validate());
        Assert.Contains("__Secure-", SingleError(secure), StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_directory_is_required()
    {
        Assert.StartsWith("DataDirectory:", SingleError(new LoginServiceOptions { Token = "t" }), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_no_secret_is_repeated()
    {
        var options = new LoginServiceOptions
        {
            Mode = AuthMode.TokenAndTotp,
            Token = "secret value with spaces",
            TotpSecret = [1, 2, 3],
            SessionTtl = TimeSpan.Zero,
        };

        var error = Assert.Throws<LoginServiceOptionsException>(options.EnsureValid);

        Assert.Equal(4, options.Validate().Count);
        Assert.DoesNotContain("secret value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_refuses_invalid_options_before_touching_the_disk()
    {
        using var directory = new TemporaryDirectory();
        var data = directory.Combine("data");

        Assert.Throws<LoginServiceOptionsException>(() => LoginServiceApp.Create(new LoginServiceOptions { DataDirectory = data }));

        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public void Options_never_print_their_secrets()
    {
        Assert.DoesNotContain(TestSecrets.Token, Valid().ToString(), StringComparison.Ordinal);
    }
}
