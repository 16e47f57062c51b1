using System.Text.Json;
using Microsoft.Playwright;
using ShLogin.ContainerTests.Infrastructure;

namespace ShLogin.ContainerTests.Browser;

/// <summary>
/// The user's whole visit to Jupyter in a container: the login page guards it, the token opens it,
/// a notebook made in the browser lands in the host directory bound as the notebook directory, a
/// cell runs (its output comes over the kernel's WebSocket through nginx) and is saved to that
/// directory, and signing out closes the door again.
/// </summary>
public static class JupyterFlow
{
    private static readonly TimeSpan SaveTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs the visit against <paramref name="baseUrl"/> (as the host reaches it).</summary>
    /// <param name="browser">The browser.</param>
    /// <param name="baseUrl">Where the host reaches nginx, e.g. the published port.</param>
    /// <param name="token">The startup token from the ready file.</param>
    /// <param name="notebookDirectory">The host directory bound as Jupyter's notebook directory.</param>
    /// <param name="screenshotName">Name of the screenshot of the executed notebook.</param>
    public static async Task SignInRunCellSaveAndSignOutAsync(BrowserFixture browser, Uri baseUrl, string token, HostDirectory notebookDirectory, string screenshotName)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(notebookDirectory);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        // A notebook with a running kernel has unsaved changes: leaving it asks, and the answer is yes.
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        var login = new LoginPage(page);

        await page.GotoAsync(baseUrl.ToString());
        Assert.True(await login.IsShownAsync(), $"The stack's URL shows {page.Url}, not the login page.");

        Assert.Equal(303, (await login.SignInWithTokenAsync(token))?.Status);
        await page.WaitForPathAsync(path => path.StartsWith("/tree", StringComparison.Ordinal));
        await Assertions.Expect(JupyterPages.FileList(page)).ToBeVisibleAsync();

        var name = $"container-{Guid.NewGuid():N}.ipynb";
        var notebookPath = await JupyterPages.CreateNotebookAsync(page, name);
        var hostFile = notebookDirectory.Combine(name);
        Assert.True(File.Exists(hostFile), $"The notebook made in Jupyter is not in the bound directory {notebookDirectory.Path}.");

        var notebookUrl = new Uri(baseUrl, notebookPath);
        await page.GotoAsync(notebookUrl.ToString());
        Assert.Equal("42", (await JupyterPages.RunFirstCellAsync(page, "print(6*7)")).Trim());
        await JupyterPages.SaveNotebookAsync(page);
        await AssertSavedCellAsync(hostFile, "print(6*7)", "42");
        await Screenshots.SaveAsync(page, screenshotName);

        await login.SignOutAsync(baseUrl);
        await page.GotoAsync(notebookUrl.ToString());
        Assert.True(await login.IsShownAsync(), $"After signing out the notebook URL shows {page.Url}, not the login page.");
    }

    // Jupyter writes the notebook file in the bound host directory: its first cell holds the code and its output.
    private static async Task AssertSavedCellAsync(string hostFile, string source, string output)
    {
        var deadline = DateTime.UtcNow + SaveTimeout;
        string json = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            json = await File.ReadAllTextAsync(hostFile);
            using var document = JsonDocument.Parse(json);
            var cell = document.RootElement.GetProperty("cells").EnumerateArray().FirstOrDefault();
            if (cell.ValueKind == JsonValueKind.Object
                && MultilineText(cell.GetProperty("source")).Trim() == source
                && cell.GetProperty("outputs").EnumerateArray().Any(o => o.TryGetProperty("text", out var text) && MultilineText(text).Trim() == output))
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"{hostFile} does not hold the executed cell ({source} → {output}) after saving:\n{json}");
    }

    // nbformat stores multi-line text as one string or as a list of lines.
    private static string MultilineText(JsonElement text) =>
        text.ValueKind == JsonValueKind.Array ? string.Concat(text.EnumerateArray().Select(line => line.GetString())) : text.GetString() ?? string.Empty;
}
