using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShLogin.EndToEndTests.Infrastructure;

namespace ShLogin.EndToEndTests.Jupyter;

/// <summary>Jupyter's REST API through the stack, with a signed-in client (Jupyter's own XSRF rule kept).</summary>
public static class JupyterApi
{
    /// <summary>Starts a kernel; returns its id.</summary>
    public static async Task<string> StartKernelAsync(SignedInClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/kernels") { Content = JsonContent.Create(new { name = "python3" }) };
        request.Headers.Add("X-XSRFToken", await XsrfTokenAsync(client));
        using var answer = await client.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(answer.StatusCode == HttpStatusCode.Created, $"Starting a kernel: {(int)answer.StatusCode} {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Stops a kernel.</summary>
    public static async Task ShutDownKernelAsync(SignedInClient client, string kernelId)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"api/kernels/{kernelId}");
        request.Headers.Add("X-XSRFToken", await XsrfTokenAsync(client));
        using var answer = await client.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
    }

    /// <summary>The kernel's WebSocket address through nginx.</summary>
    public static Uri KernelChannels(StackProcess stack, string kernelId)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return new Uri($"ws://{stack.Url.Authority}/api/kernels/{kernelId}/channels");
    }

    // Jupyter sets its _xsrf cookie on its pages and wants it echoed in a header on API writes.
    private static async Task<string> XsrfTokenAsync(SignedInClient client)
    {
        if (client.Cookies.GetCookies(client.BaseAddress)["_xsrf"] is null)
        {
            using var page = await client.Http.GetAsync(new Uri("tree", UriKind.Relative), TestContext.Current.CancellationToken);
            page.EnsureSuccessStatusCode();
        }

        var cookie = client.Cookies.GetCookies(client.BaseAddress)["_xsrf"];
        Assert.True(cookie is not null, "Jupyter set no _xsrf cookie on its tree page.");
        return WebUtility.UrlDecode(cookie.Value);
    }
}
