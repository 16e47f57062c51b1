using Microsoft.Playwright;

namespace ShLogin.EndToEndTests.Pages;

/// <summary>The login service's sign-out page: a button that posts the form.</summary>
public static class SignOut
{
    /// <summary>Opens <c>/auth/logout</c> of <paramref name="baseUrl"/> and presses the sign-out button; waits for the login page.</summary>
    public static async Task SignOutAsync(IPage page, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(new Uri(baseUrl, "auth/logout").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == LoginPage.Path);
    }
}
