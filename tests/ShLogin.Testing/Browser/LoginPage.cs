using Microsoft.Playwright;

namespace ShLogin.Testing.Browser;

/// <summary>The login service's pages as a user sees them: the sign-in form and the sign-out button.</summary>
public sealed class LoginPage(IPage page)
{
    /// <summary>The path of the form.</summary>
    public const string Path = "/auth/login";

    /// <summary>The access token field.</summary>
    public ILocator TokenField => page.Locator("input#token");

    /// <summary>The authenticator code field.</summary>
    public ILocator CodeField => page.Locator("input#code");

    /// <summary>The message shown after a failed try.</summary>
    public ILocator Message => page.GetByRole(AriaRole.Alert);

    /// <summary>True when the browser shows the form now (path and visible submit button).</summary>
    public async Task<bool> IsShownAsync() =>
        new Uri(page.Url).AbsolutePath == Path && await page.Locator("form button[type=submit]").IsVisibleAsync();

    /// <summary>Types the token and presses the button; returns the answer to the form's POST.</summary>
    public Task<IResponse?> SignInWithTokenAsync(string token) => SubmitAsync(TokenField, token);

    /// <summary>Types the authenticator code and presses the button; returns the answer to the form's POST.</summary>
    public Task<IResponse?> SignInWithCodeAsync(string code) => SubmitAsync(CodeField, code);

    /// <summary>Opens <c>/auth/logout</c> of <paramref name="baseUrl"/>, presses the sign-out button and waits for the sign-in form.</summary>
    public async Task SignOutAsync(Uri baseUrl)
    {
        await page.GotoAsync(new Uri(baseUrl, "auth/logout").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForPathAsync(path => path == Path);
        await Assertions.Expect(page.Locator("form button[type=submit]")).ToBeVisibleAsync();
    }

    private async Task<IResponse?> SubmitAsync(ILocator field, string value)
    {
        await field.FillAsync(value);
        var post = page.WaitForResponseAsync(response => response.Request.Method == "POST" && new Uri(response.Url).AbsolutePath == Path);
        await page.Locator("form button[type=submit]").ClickAsync();
        var answer = await post;
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        return answer;
    }
}
