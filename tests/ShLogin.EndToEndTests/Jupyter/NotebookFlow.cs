using System.Net;
using Microsoft.Playwright;
using ShLogin.EndToEndTests.Infrastructure;

namespace ShLogin.EndToEndTests.Jupyter;

/// <summary>
/// What every way of signing in must allow afterwards: make a notebook, run a cell (its output
/// comes back over the kernel's WebSocket through nginx), then sign out, after which the notebook
/// leads to the login page again and the old session cookie no longer works anywhere.
/// </summary>
public static class NotebookFlow
{
    /// <summary>Runs the flow in a signed-in <paramref name="page"/> that shows Jupyter's tree.</summary>
    /// <param name="screenshotName">Name of the notebook screenshot.</param>
    public static async Task RunCellThenSignOutAsync(IPage page, StackProcess stack, string screenshotName)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(stack);

        // A notebook with a running kernel has unsaved changes: leaving it asks, and the answer is yes.
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        var name = $"e2e-{Guid.NewGuid():N}.ipynb";
        var notebookPath = await JupyterPages.CreateNotebookAsync(page, name);
        Assert.True(File.Exists(Path.Combine(stack.WorkingDirectory, name)), "Jupyter's notebook directory is not start's working directory.");
        var notebookUrl = new Uri(stack.Url, notebookPath);

        await page.GotoAsync(notebookUrl.ToString());
        var output = await JupyterPages.RunFirstCellAsync(page, "print(6*7)");
        Assert.Equal("42", output.Trim());
        await Screenshots.SaveAsync(page, screenshotName);

        var cookieHeader = string.Join("; ", (await page.Context.CookiesAsync([stack.Url.ToString()])).Select(c => $"{c.Name}={c.Value}"));
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookiesAsync(notebookUrl, cookieHeader));

        await new LoginPage(page).SignOutAsync(stack.Url);

        await page.GotoAsync(notebookUrl.ToString());
        var login = new LoginPage(page);
        Assert.True(await login.IsShownAsync(), $"After signing out the notebook URL shows {page.Url}, not the login page.");
        Assert.Contains("next=", new Uri(page.Url).Query, StringComparison.Ordinal);

        // Signing out revoked the session on the server: the cookie copied before is worth nothing now.
        Assert.Equal(HttpStatusCode.Found, await StatusWithCookiesAsync(notebookUrl, cookieHeader));
    }

    private static async Task<HttpStatusCode> StatusWithCookiesAsync(Uri url, string cookieHeader)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookieHeader);
        using var answer = await http.SendAsync(request, TestContext.Current.CancellationToken);
        if (answer.StatusCode == HttpStatusCode.Found)
        {
            Assert.Equal(LoginPage.Path, answer.Headers.Location is { } location ? new Uri(url, location).AbsolutePath : null);
        }

        return answer.StatusCode;
    }
}
