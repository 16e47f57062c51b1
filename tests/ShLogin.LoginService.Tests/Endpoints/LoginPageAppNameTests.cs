using System.Net;
using System.Text.RegularExpressions;
using ShLogin.Configuration;
using ShLogin.LoginService.Tests.TestSupport;
using ShLogin.Secrets;

namespace ShLogin.LoginService.Tests.Endpoints;

/// <summary>The login page says which app it protects and where the credential comes from, in its heading and its title.</summary>
public sealed partial class LoginPageAppNameTests
{
    [Theory]
    [InlineData("Jupyter Notebook")]
    [InlineData("JupyterLab")]
    [InlineData("code-server")]
    public async Task The_heading_and_the_title_name_the_app(string appName)
    {
        var html = await FormAsync(AuthMode.Token, appName);

        Assert.Equal("Sign in to " + appName, Heading(html));
        Assert.Equal("Sign in to " + appName, Title(html));
    }

    [Fact]
    public async Task Without_a_name_the_page_is_a_plain_sign_in()
    {
        var html = await FormAsync(AuthMode.Token, appName: null);

        Assert.Equal("Sign in", Heading(html));
        Assert.Equal("Sign in", Title(html));
    }

    [Fact]
    public async Task The_token_field_says_the_token_is_in_the_terminal_where_ShLogin_was_started()
    {
        var html = await FormAsync(AuthMode.Token, "Jupyter Server");

        Assert.Contains("aria-describedby=\"token-hint\"", html, StringComparison.Ordinal);
        Assert.Contains("<p id=\"token-hint\">The token printed in the terminal where ShLogin was started.</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("authenticator", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    public async Task The_code_field_says_how_many_digits_from_the_authenticator_app(int digits)
    {
        var html = await FormAsync(AuthMode.TokenAndTotp, "RStudio Server", new TotpParameters(OtpAlgorithm.Sha1, digits, 30));

        Assert.Contains($"The {digits}-digit code from your authenticator app.", html, StringComparison.Ordinal);
        Assert.Contains("The token printed in the terminal where ShLogin was started.", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "Sign in to &lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("\"><img src=x onerror=alert(1)>", "Sign in to &quot;&gt;&lt;img src=x onerror=alert(1)&gt;")]
    [InlineData("R&D 'lab'", "Sign in to R&amp;D &#x27;lab&#x27;")]
    public async Task A_hostile_name_is_shown_as_text_never_as_markup(string appName, string encoded)
    {
        var html = await FormAsync(AuthMode.Token, appName);

        Assert.Contains("<h1>" + encoded + "</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<title>" + encoded + "</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Random_hostile_names_never_add_an_element_to_the_page()
    {
        var input = new HostileInput(16);
        var plain = ElementCount(await FormAsync(AuthMode.Token, "app"));
        for (var i = 0; i < 40; i++)
        {
            var name = new string(input.AnyText(AppDisplayName.MaxLength).Where(c => !char.IsControl(c)).ToArray());
            if (!AppDisplayName.IsValid(name))
            {
                continue;
            }

            Assert.Equal(plain, ElementCount(await FormAsync(AuthMode.Token, name)));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("two\nlines")]
    [InlineData("bell\a")]
    public void A_name_the_page_cannot_show_is_refused_before_the_service_starts(string appName)
    {
        var options = new LoginServiceOptions { Token = TestSecrets.Token, DataDirectory = "/tmp/unused", AppName = appName };

        Assert.Contains(options.Validate(), error => error.StartsWith("AppName:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_name_longer_than_the_page_allows_is_refused()
    {
        var options = new LoginServiceOptions { Token = TestSecrets.Token, DataDirectory = "/tmp/unused", AppName = new string('x', AppDisplayName.MaxLength + 1) };

        Assert.Contains(options.Validate(), error => error.StartsWith("AppName:", StringComparison.Ordinal));
    }

    private static async Task<string> FormAsync(AuthMode mode, string? appName, TotpParameters? totp = null)
    {
        var directory = new TemporaryDirectory();
        var options = LoginServiceHost.OptionsFor(mode, directory.Combine("data"), LoginServiceHost.NewClock());
        options = new LoginServiceOptions
        {
            Mode = options.Mode,
            Token = options.Token,
            TotpSecret = options.TotpSecret,
            TotpParameters = totp ?? TotpParameters.Default,
            DataDirectory = options.DataDirectory,
            TimeProvider = options.TimeProvider,
            AppName = appName,
        };
        await using var host = await LoginServiceHost.StartAsync(options, directory);
        using var response = await host.NewBrowser().GetAsync("/auth/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static string Heading(string html) => HeadingPattern().Match(html).Groups[1].Value;

    private static string Title(string html) => TitlePattern().Match(html).Groups[1].Value;

    private static int ElementCount(string html) => html.Count(c => c == '<');

    [GeneratedRegex("<h1>(.*?)</h1>")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex("<title>(.*?)</title>")]
    private static partial Regex TitlePattern();
}
