using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ShLogin.Supervisor.Processes;

/// <summary>
/// What a child left in its process group. Every child runs in a session (and so a process group)
/// of its own, and what it forks stays there unless it moves on purpose: nginx's workers, a
/// shell's background jobs, an app's helpers. When the child itself exits they live on,
/// reparented to init, still holding its listening sockets.
/// </summary>
public static class ProcessGroup
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// True while a live (not zombie) process is in the group. A killed orphan stays listed as a
    /// zombie until its new parent reaps it, so the signal test alone is not enough.
    /// </summary>
    public static bool HasLiveMembers(int processGroupId) =>
        Signals.GroupExists(processGroupId)
        && ProcessStatus.ReadAll().Any(process => process.ProcessGroupId == processGroupId && process.IsAlive);

    /// <summary>
    /// Ends what is left of the group led by <paramref name="processGroupId"/>, whose leader has
    /// exited: <paramref name="signal"/> first, SIGKILL once <paramref name="grace"/> has passed,
    /// and returns once no member is alive (true) or a second <paramref name="grace"/> has passed
    /// after SIGKILL (false: a process stuck in the kernel).
    /// </summary>
    public static async Task<bool> EndAsync(int processGroupId, int signal, TimeSpan grace)
    {
        if (!Signals.SendToGroup(processGroupId, signal))
        {
            return true;
        }

        if (signal != Signals.SigKill && await WaitUntilEmptyAsync(processGroupId, grace))
        {
            return true;
        }

        Signals.SendToGroup(processGroupId, Signals.SigKill);
        return await WaitUntilEmptyAsync(processGroupId, grace);
    }

    /// <summary>Waits until no member of the group is alive; false if one still is after <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitUntilEmptyAsync(int processGroupId, TimeSpan timeout)
    {
        // Asked again every PollInterval while a member lives, until the timeout: then false.
        var pipeline = new ResiliencePipelineBuilder<bool>()
            .AddTimeout(timeout)
            .AddRetry(new RetryStrategyOptions<bool>
            {
                ShouldHandle = new PredicateBuilder<bool>().HandleResult(hasLiveMembers => hasLiveMembers),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = PollInterval,
                UseJitter = false,
            })
            .Build();
        try
        {
            return !await pipeline.ExecuteAsync(_ => ValueTask.FromResult(HasLiveMembers(processGroupId)));
        }
        catch (TimeoutRejectedException)
        {
            return !HasLiveMembers(processGroupId);
        }
    }
}
