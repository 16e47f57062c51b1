using Microsoft.Playwright;

namespace ShLogin.Testing.Browser;

/// <summary>What a user does in Jupyter Notebook 6 (Debian's <c>jupyter-notebook</c>) through the browser.</summary>
public static class JupyterPages
{
    /// <summary>The file list Jupyter shows on its tree page.</summary>
    public static ILocator FileList(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Locator("#notebook_list");
    }

    /// <summary>
    /// Creates an empty notebook through Jupyter's contents API from inside the page, with the
    /// browser's own cookies (session and Jupyter's <c>_xsrf</c>); returns its path.
    /// </summary>
    public static async Task<string> CreateNotebookAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var status = await page.EvaluateAsync<int>(
            """
            async (name) => {
              const xsrf = document.cookie.split('; ').find(c => c.startsWith('_xsrf='));
              const headers = { 'Content-Type': 'application/json' };
              if (xsrf) headers['X-XSRFToken'] = decodeURIComponent(xsrf.substring(6));
              const answer = await fetch('/api/contents/' + encodeURIComponent(name), {
                method: 'PUT', headers, body: JSON.stringify({ type: 'notebook' }) });
              return answer.status;
            }
            """,
            name);
        Assert.True(status == 201, $"Jupyter answered {status} to creating {name}.");
        return "/notebooks/" + Uri.EscapeDataString(name);
    }

    /// <summary>Opens the notebook, waits for its kernel, types <paramref name="code"/> into the first cell and runs it; returns the cell's output text.</summary>
    public static async Task<string> RunFirstCellAsync(IPage page, string code)
    {
        ArgumentNullException.ThrowIfNull(page);

        // The kernel indicator turns idle once the kernel's WebSocket (through nginx) is connected.
        await Assertions.Expect(page.Locator("#kernel_indicator_icon.kernel_idle_icon")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.Locator(".cell.code_cell .CodeMirror").First.ClickAsync();
        await page.Keyboard.TypeAsync(code);
        await page.Keyboard.PressAsync("Shift+Enter");
        var output = page.Locator(".cell.code_cell .output_subarea").First;
        await Assertions.Expect(output).ToBeVisibleAsync(new() { Timeout = 60_000 });
        return await output.InnerTextAsync();
    }

    /// <summary>Saves the open notebook as the Save button does.</summary>
    public static async Task SaveNotebookAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.EvaluateAsync("() => Jupyter.notebook.save_notebook()");
    }
}
