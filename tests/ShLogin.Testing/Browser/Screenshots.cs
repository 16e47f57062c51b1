using Microsoft.Playwright;

namespace ShLogin.Testing.Browser;

/// <summary>Screenshots of what the browser showed, kept as test artifacts.</summary>
public static class Screenshots
{
    /// <summary>Saves the whole page as <c>artifacts/screenshots/NAME.png</c> and prints the path.</summary>
    public static async Task SaveAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = RepositoryPaths.Screenshot(name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 0, $"The screenshot {path} is empty.");
        RepositoryPaths.Announce("screenshot", path);
    }
}
