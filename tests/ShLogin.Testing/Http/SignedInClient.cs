using System.Net;

namespace ShLogin.Testing.Http;

/// <summary>An HTTP client holding a session of a stack, signed in through the one-click login URL.</summary>
public sealed class SignedInClient : IDisposable
{
    private readonly HttpClientHandler handler;

    private SignedInClient(HttpClientHandler handler, HttpClient http, Uri baseAddress)
    {
        this.handler = handler;
        Http = http;
        BaseAddress = baseAddress;
    }

    /// <summary>The client (redirects followed, cookies kept).</summary>
    public HttpClient Http { get; }

    /// <summary>The stack's public base URL.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The cookies the client holds (the session, and whatever the app set).</summary>
    public CookieContainer Cookies => handler.CookieContainer;

    /// <summary>The <c>Cookie</c> header a request to the stack carries.</summary>
    public string CookieHeader => Cookies.GetCookieHeader(BaseAddress);

    /// <summary>Signs in to the stack at <paramref name="baseUrl"/> with its token and checks that the session works.</summary>
    public static async Task<SignedInClient> SignInAsync(Uri baseUrl, string token)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(token);
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var client = new SignedInClient(handler, http, baseUrl);
        using var answer = await http.GetAsync(
            new Uri($"auth/login?token={Uri.EscapeDataString(token)}", UriKind.Relative),
            TestContext.Current.CancellationToken);
        Assert.True(
            answer.IsSuccessStatusCode && answer.RequestMessage!.RequestUri!.AbsolutePath != "/auth/login",
            $"The one-click login did not sign in: {(int)answer.StatusCode} at {answer.RequestMessage?.RequestUri}");
        return client;
    }

    /// <summary>Releases the client.</summary>
    public void Dispose()
    {
        Http.Dispose();
        handler.Dispose();
    }
}
