using System.Text.Json;
using Microsoft.Playwright;

namespace ShLogin.Testing.Browser;

/// <summary>
/// What a page of a signed-in browser does with a Jupyter Server that has no user interface of its
/// own (Debian's <c>python3-jupyter-server</c>), as JupyterLab's and Notebook 7's front ends do: its
/// REST API with Jupyter's XSRF cookie, and a kernel's WebSocket.
/// </summary>
public static class JupyterServerPages
{
    /// <summary>How long a kernel may take to start and answer on a loaded machine.</summary>
    public const int KernelTimeoutMilliseconds = 60_000;

    /// <summary>Jupyter Server's version, from <c>/api</c> as the page fetches it.</summary>
    public static async Task<string> VersionAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var body = await page.EvaluateAsync<string>("async () => { const a = await fetch('/api'); return a.status + ' ' + await a.text(); }");
        Assert.StartsWith("200 ", body, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(body[4..]);
        return document.RootElement.GetProperty("version").GetString()!;
    }

    /// <summary>
    /// In the page: starts a kernel (POST <c>/api/kernels</c> with the <c>_xsrf</c> cookie echoed), opens
    /// its channels WebSocket, runs <paramref name="code"/> as an <c>execute_request</c> and returns the
    /// <c>text/plain</c> of its <c>execute_result</c>; then closes the socket and shuts the kernel down.
    /// </summary>
    public static async Task<KernelRun> RunInNewKernelAsync(IPage page, string code)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.EvaluateAsync<JsonElement>(
            """
            async ([code, timeout]) => {
              const xsrf = document.cookie.split('; ').find(c => c.startsWith('_xsrf='));
              const headers = { 'Content-Type': 'application/json' };
              if (xsrf) headers['X-XSRFToken'] = decodeURIComponent(xsrf.substring(6));
              const started = await fetch('/api/kernels', { method: 'POST', headers, body: JSON.stringify({ name: 'python3' }) });
              if (started.status !== 201) return { error: 'starting a kernel: ' + started.status + ' ' + await started.text() };
              const kernel = (await started.json()).id;
              const session = crypto.randomUUID();
              const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
              const socket = new WebSocket(scheme + location.host + '/api/kernels/' + kernel + '/channels?session_id=' + session);
              const msgId = crypto.randomUUID();
              const answer = await new Promise(resolve => {
                const timer = setTimeout(() => resolve({ error: 'no execute_result within ' + timeout + ' ms' }), timeout);
                socket.onerror = () => { clearTimeout(timer); resolve({ error: 'the kernel WebSocket failed' }); };
                socket.onclose = event => { clearTimeout(timer); resolve({ error: 'the kernel WebSocket closed: ' + event.code }); };
                socket.onopen = () => socket.send(JSON.stringify({
                  header: { msg_id: msgId, username: 'test', session, msg_type: 'execute_request', version: '5.3', date: new Date().toISOString() },
                  parent_header: {}, metadata: {}, channel: 'shell', buffers: [],
                  content: { code, silent: false, store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: true },
                }));
                socket.onmessage = event => {
                  if (typeof event.data !== 'string') return;
                  const message = JSON.parse(event.data);
                  if (message.parent_header?.msg_id !== msgId) return;
                  if (message.msg_type === 'execute_result') { clearTimeout(timer); resolve({ text: message.content.data['text/plain'] }); }
                  if (message.msg_type === 'error') { clearTimeout(timer); resolve({ error: 'the kernel raised ' + message.content.ename }); }
                };
              });
              socket.onclose = null;
              socket.close();
              const stopped = await fetch('/api/kernels/' + kernel, { method: 'DELETE', headers });
              return { ...answer, kernel, stopped: stopped.status };
            }
            """,
            new object[] { code, KernelTimeoutMilliseconds });
        if (result.TryGetProperty("error", out var error))
        {
            Assert.Fail("Running code in a Jupyter Server kernel from the page: " + error.GetString());
        }

        return new KernelRun(result.GetProperty("kernel").GetString()!, result.GetProperty("text").GetString()!, result.GetProperty("stopped").GetInt32());
    }

    /// <summary>What <see cref="RunInNewKernelAsync"/> saw.</summary>
    /// <param name="KernelId">The kernel's id.</param>
    /// <param name="Result">The <c>text/plain</c> of the execute_result.</param>
    /// <param name="ShutdownStatus">The status of the DELETE that shut the kernel down (204).</param>
    public sealed record KernelRun(string KernelId, string Result, int ShutdownStatus);
}
