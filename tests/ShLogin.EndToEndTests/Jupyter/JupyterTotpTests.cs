using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Playwright;
using ShLogin.EndToEndTests.Infrastructure;
using ShLogin.Secrets;

namespace ShLogin.EndToEndTests.Jupyter;

/// <summary>TOTP mode: the user types the authenticator's code, which the test computes from the secret it gave.</summary>
[Collection(JupyterCollectionDefinition.Name)]
public sealed class JupyterTotpTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_wrong_code_is_refused_and_the_current_code_lets_the_user_into_Jupyter()
    {
        Requirements.Nginx();
        Requirements.Jupyter();
        var secret = RandomNumberGenerator.GetBytes(20);
        var totp = new Totp(secret);
        await using var stack = await StackProcess.StartAsync(StackOptions.Jupyter(
            ("SH_LOGIN_MODE", "totp"),
            ("SH_LOGIN_TOTP_SECRET", Base32.Encode(secret))));
        Assert.Equal("totp", stack.Ready.Mode);
        Assert.Null(stack.Ready.Token);
        Assert.Null(stack.Ready.OtpAuthUri);

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);
        await page.GotoAsync(stack.Url.ToString());
        Assert.True(await login.IsShownAsync(), $"The stack's URL shows {page.Url}, not the login page.");
        await Assertions.Expect(login.CodeField).ToBeVisibleAsync();
        await Assertions.Expect(login.TokenField).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "jupyter-totp-login-page");

        var refused = await login.SignInWithCodeAsync(CodeValidAtNoTimeNearNow(totp));
        Assert.Equal(401, refused?.Status);
        Assert.True(await login.IsShownAsync(), $"After a wrong code the browser shows {page.Url}.");
        await Assertions.Expect(login.Message).ToBeVisibleAsync();

        var accepted = await login.SignInWithCodeAsync(totp.ComputeAt(DateTimeOffset.UtcNow));
        Assert.Equal(303, accepted?.Status);
        await page.WaitForPathAsync(path => path.StartsWith("/tree", StringComparison.Ordinal));
        await Assertions.Expect(JupyterPages.FileList(page)).ToBeVisibleAsync();

        await NotebookFlow.RunCellThenSignOutAsync(page, stack, "jupyter-notebook-totp");
    }

    // A well-formed code that is not valid in any step the server may accept now (±1) or soon.
    private static string CodeValidAtNoTimeNearNow(Totp totp)
    {
        var step = totp.StepAt(DateTimeOffset.UtcNow);
        var valid = Enumerable.Range(-3, 7).Select(offset => totp.ComputeForStep(step + offset)).ToHashSet();
        return Enumerable.Range(1, 9)
            .Select(digit => new string(digit.ToString(CultureInfo.InvariantCulture)[0], totp.Parameters.Digits))
            .First(code => !valid.Contains(code));
    }
}
