using Microsoft.Playwright;

namespace ShLogin.Testing.Browser;

/// <summary>
/// One headless Debian Chromium driven by Playwright, shared by the tests of a class or collection;
/// every test gets a fresh context (its own cookies). Launched on first use, inside a test, so that
/// a missing Chromium skips (or, under CI, fails) that test instead of breaking the fixture.
/// </summary>
public sealed class BrowserFixture : IAsyncDisposable
{
    /// <summary>The Chromium flags that work offline, as root and without a GPU.</summary>
    public static readonly IReadOnlyList<string> LaunchArguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    // A loaded 2-core machine runs Jupyter, nginx, the login service and Chromium at once: waits get this long.
    private const int DefaultTimeout = 30_000;

    private readonly SemaphoreSlim gate = new(1, 1);
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>A new browser context (no cookies) with a desktop-sized viewport; dispose it at the end of the test.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var chromium = Requirements.Chromium();
        await gate.WaitAsync();
        try
        {
            if (browser is null)
            {
                playwright = await Playwright.CreateAsync();
                Assertions.SetDefaultExpectTimeout(DefaultTimeout);
                browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = chromium,
                    Headless = true,
                    Args = LaunchArguments,
                });
            }
        }
        finally
        {
            gate.Release();
        }

        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(DefaultTimeout);
        return context;
    }

    /// <summary>Closes the browser.</summary>
    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        gate.Dispose();
    }
}
