
namespace ShLogin.Supervisor.Tests.TestSupport;

/// <summary>Waiting for what a running program will do, within a bound.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    /// <summary>Returns once <paramref name="condition"/> holds; fails the test after 15 s.</summary>
    public static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition not met within {Bound.TotalSeconds:0} s");
            await Task.Delay(50);
        }
    }
}
