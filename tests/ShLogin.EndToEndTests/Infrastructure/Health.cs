using System.Diagnostics;
using System.Net;

namespace ShLogin.EndToEndTests.Infrastructure;

/// <summary>Asks a stack's public port whether it serves.</summary>
public static class Health
{
    /// <summary>
    /// Polls <c>/auth/healthz</c> through the public port (nginx, then the login service) until it
    /// answers 200; returns how long that took, or null if it did not within <paramref name="limit"/>.
    /// </summary>
    public static async Task<TimeSpan?> TimeUntilHealthyAsync(StackProcess stack, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(stack);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var url = new Uri(stack.Url, "auth/healthz");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            try
            {
                using var answer = await http.GetAsync(url, TestContext.Current.CancellationToken);
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    return clock.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Nothing listens yet, or the connection broke.
            }
            catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                // The one-second request timeout.
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return null;
    }
}
