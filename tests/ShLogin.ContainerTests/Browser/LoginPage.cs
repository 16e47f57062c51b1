using Microsoft.Playwright;

namespace ShLogin.ContainerTests.Browser;

/// <summary>The login service's pages as a user sees them: the sign-in form and the sign-out button.</summary>
public sealed class LoginPage(IPage page)
{
    /// <summary>The path of the sign-in form.</summary>
    public const string Path = "/auth/login";

    /// <summary>True when the browser shows the sign-in form now.</summary>
    public async Task<bool> IsShownAsync() =>
        new Uri(page.Url).AbsolutePath == Path && await page.Locator("form button[type=submit]").IsVisibleAsync();

    /// <summary>Types the token, presses the button and returns the status of the form's POST.</summary>
    public async Task<int?> SignInWithTokenAsync(string token)
    {
        await page.Locator("input#token").FillAsync(token);
        var post = page.WaitForResponseAsync(response => response.Request.Method == "POST" && new Uri(response.Url).AbsolutePath == Path);
        await page.Locator("form button[type=submit]").ClickAsync();
        return (await post).Status;
    }

    /// <summary>Opens <c>/auth/logout</c>, presses the sign-out button and waits for the sign-in form.</summary>
    public async Task SignOutAsync(Uri baseUrl)
    {
        await page.GotoAsync(new Uri(baseUrl, "auth/logout").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == Path);
    }
}
