using System.Diagnostics;
using System.Net;

namespace ShLogin.EndToEndTests.Infrastructure;

/// <summary>Requests to a stack that carry a given Cookie header and nothing else: how a copied cookie fares.</summary>
internal static class CookieRequests
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// The status of <c>GET /</c> with <paramref name="cookieHeader"/>, redirects not followed. A
    /// redirect must lead to the login page.
    /// </summary>
    public static async Task<HttpStatusCode> StatusAsync(StackProcess stack, string cookieHeader)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, stack.Url);
        request.Headers.Add("Cookie", cookieHeader);
        using var answer = await http.SendAsync(request, TestContext.Current.CancellationToken);
        if (answer.StatusCode == HttpStatusCode.Found)
        {
            Assert.Equal("/auth/login", new Uri(stack.Url, answer.Headers.Location!).AbsolutePath);
        }

        return answer.StatusCode;
    }

    /// <summary>
    /// Asks until the cookie is sent to the login page (302) and returns when that request was sent;
    /// null when a request sent later than <paramref name="bound"/> still reached the app. Time is
    /// counted to when a request is sent, not answered: a request sent in time may be answered late
    /// on a busy machine. Any answer but the app's 200 or the redirect fails the test.
    /// </summary>
    public static async Task<TimeSpan?> TimeUntilSentToLoginAsync(StackProcess stack, string cookieHeader, TimeSpan bound)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var sent = waited.Elapsed;
            var status = await StatusAsync(stack, cookieHeader);
            if (status == HttpStatusCode.Found)
            {
                return sent;
            }

            Assert.Equal(HttpStatusCode.OK, status);
            if (sent > bound)
            {
                return null;
            }

            await Task.Delay(PollInterval, TestContext.Current.CancellationToken);
        }
    }
}
