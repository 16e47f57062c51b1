using Microsoft.Playwright;

namespace ShLogin.Testing.Browser;

/// <summary>Waiting for the browser to arrive somewhere.</summary>
public static class PageNavigation
{
    /// <summary>
    /// Waits until the page's address has a path that satisfies <paramref name="predicate"/>. It returns as soon
    /// as the new document starts to arrive, not when its <c>load</c> event fires: pages that keep connections
    /// open (Jupyter's kernel WebSockets) or a browser under load can delay that event well past the point where
    /// the user sees the page. Follow it with an <c>Expect</c> on what the user must see.
    /// </summary>
    /// <param name="page">The page.</param>
    /// <param name="predicate">The test on the path (without the query).</param>
    public static Task WaitForPathAsync(this IPage page, Func<string, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(predicate);
        return page.WaitForURLAsync(url => predicate(new Uri(url).AbsolutePath), new() { WaitUntil = WaitUntilState.Commit });
    }
}
