namespace ShLogin.OtpServer.RateLimiting;

/// <summary>
/// Failed attempts per key: <see cref="FreeFailures"/> are free, each further one makes that key
/// wait <see cref="FirstLockout"/>, then twice as long, up to <see cref="MaxLockout"/>; a success
/// or <see cref="ForgetAfter"/> without failure starts it afresh. Only the key that failed waits.
/// (The login service's throttle also has a global budget; here keys name callers and entries, see
/// <see cref="VerifyThrottle"/>, so no global budget is needed and none can lock everyone out.)
/// </summary>
public sealed class FailureBackoff
{
    private const int PruneThreshold = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, State> _keys = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>A backoff on <paramref name="time"/>.</summary>
    public FailureBackoff(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>Failures a key may make before it has to wait.</summary>
    public int FreeFailures { get; init; } = 5;

    /// <summary>The first wait; it doubles with each further failure.</summary>
    public TimeSpan FirstLockout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait.</summary>
    public TimeSpan MaxLockout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A key without failure for this long starts afresh.</summary>
    public TimeSpan ForgetAfter { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Keys remembered now (tests).</summary>
    public int TrackedKeys
    {
        get
        {
            lock (_gate)
            {
                return _keys.Count;
            }
        }
    }

    /// <summary>How long <paramref name="key"/> must still wait; zero when it may try.</summary>
    public TimeSpan WaitFor(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            return _keys.TryGetValue(key, out var state) && state.LockedUntil > now ? state.LockedUntil - now : TimeSpan.Zero;
        }
    }

    /// <summary>Counts a failure of <paramref name="key"/>.</summary>
    public void RecordFailure(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            Prune(now);
            if (!_keys.TryGetValue(key, out var state) || now - state.LastFailure >= ForgetAfter)
            {
                state = new State();
                _keys[key] = state;
            }

            state.Failures++;
            state.LastFailure = now;
            var beyondFree = state.Failures - FreeFailures;
            if (beyondFree > 0)
            {
                var lockout = FirstLockout * Math.Pow(2, Math.Min(beyondFree - 1, 30));
                state.LockedUntil = now + (lockout < MaxLockout ? lockout : MaxLockout);
            }
        }
    }

    /// <summary>Forgets <paramref name="key"/>'s failures.</summary>
    public void RecordSuccess(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            _keys.Remove(key);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        if (_keys.Count < PruneThreshold)
        {
            return;
        }

        foreach (var (key, state) in _keys)
        {
            if (state.LockedUntil <= now && now - state.LastFailure >= ForgetAfter)
            {
                _keys.Remove(key);
            }
        }

        // Under a flood of distinct keys keep only those that are waiting.
        if (_keys.Count >= PruneThreshold)
        {
            foreach (var (key, state) in _keys)
            {
                if (state.LockedUntil <= now)
                {
                    _keys.Remove(key);
                }
            }
        }
    }

    private sealed class State
    {
        public int Failures { get; set; }

        public DateTimeOffset LastFailure { get; set; }

        public DateTimeOffset LockedUntil { get; set; }
    }
}
