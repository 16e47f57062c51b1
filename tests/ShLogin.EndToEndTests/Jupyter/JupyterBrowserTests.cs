using Microsoft.Playwright;
using ShLogin.EndToEndTests.Infrastructure;

namespace ShLogin.EndToEndTests.Jupyter;

/// <summary>
/// A user in Chromium signs in to Jupyter behind the stack (token mode), runs a cell and signs out;
/// once behind nginx (<see cref="NginxJupyterBrowserTests"/>), once behind the built-in proxy
/// (<see cref="BuiltinProxyJupyterBrowserTests"/>).
/// </summary>
public abstract class JupyterBrowserTests(JupyterStackFixture jupyter, BrowserFixture browser)
{
    [Fact]
    public async Task The_token_form_refuses_a_wrong_token_lets_the_right_one_into_Jupyter_and_signing_out_locks_it_again()
    {
        var stack = await jupyter.GetAsync();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);

        await page.GotoAsync(stack.Url.ToString());
        Assert.True(await login.IsShownAsync(), $"The stack's URL shows {page.Url}, not the login page.");
        await Assertions.Expect(login.TokenField).ToBeVisibleAsync();
        Assert.Equal("Sign in to Jupyter Notebook", await page.TitleAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Sign in to Jupyter Notebook");
        await Screenshots.SaveAsync(page, "jupyter-login-page");

        var refused = await login.SignInWithTokenAsync("not-the-token-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(401, refused?.Status);
        Assert.True(await login.IsShownAsync(), $"After a wrong token the browser shows {page.Url}.");
        await Assertions.Expect(login.Message).ToBeVisibleAsync();
        Assert.False(string.IsNullOrWhiteSpace(await login.Message.InnerTextAsync()), "The refusal has no message.");
        await Screenshots.SaveAsync(page, "jupyter-login-refused");

        var accepted = await login.SignInWithTokenAsync(stack.Token);
        Assert.Equal(303, accepted?.Status);
        await page.WaitForPathAsync(path => path.StartsWith("/tree", StringComparison.Ordinal));
        await Assertions.Expect(JupyterPages.FileList(page)).ToBeVisibleAsync();

        await NotebookFlow.RunCellThenSignOutAsync(page, stack, "jupyter-notebook");
    }

    [Fact]
    public async Task The_one_click_url_lands_in_Jupyter_without_the_token_in_the_address()
    {
        var stack = await jupyter.GetAsync();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(stack.Url, $"auth/login?token={Uri.EscapeDataString(stack.Token)}").ToString());

        await page.WaitForPathAsync(path => path.StartsWith("/tree", StringComparison.Ordinal));
        await Assertions.Expect(JupyterPages.FileList(page)).ToBeVisibleAsync();
        Assert.DoesNotContain(stack.Token, page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("token", new Uri(page.Url).Query, StringComparison.OrdinalIgnoreCase);

        await NotebookFlow.RunCellThenSignOutAsync(page, stack, "jupyter-notebook-one-click");
    }
}

/// <summary><see cref="JupyterBrowserTests"/> behind nginx.</summary>
[Collection(JupyterCollectionDefinition.Name)]
public sealed class NginxJupyterBrowserTests(JupyterStackFixture jupyter, BrowserFixture browser) : JupyterBrowserTests(jupyter, browser);

/// <summary><see cref="JupyterBrowserTests"/> behind the built-in proxy.</summary>
[Collection(BuiltinProxyJupyterCollectionDefinition.Name)]
public sealed class BuiltinProxyJupyterBrowserTests(BuiltinProxyJupyterStackFixture jupyter, BrowserFixture browser) : JupyterBrowserTests(jupyter, browser);
