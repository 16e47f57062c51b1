namespace ShLogin.LoginService.RateLimiting;

/// <summary>
/// One budget of failed attempts: a per-client backoff and a global failure budget.
/// <see cref="SignInGuard"/> keeps two, one for wrong tokens and one for TOTP codes.
/// </summary>
/// <remarks>
/// <para>
/// Per client (see <see cref="Security.TrustedProxy.ClientKey"/>): <see cref="LoginThrottlePolicy.FreeFailures"/>
/// failures are free; each further failure makes that client wait <see cref="LoginThrottlePolicy.FirstLockout"/>,
/// then twice as long, and so on up to <see cref="LoginThrottlePolicy.MaxLockout"/>. A client that
/// stays away for <see cref="LoginThrottlePolicy.ForgetAfter"/> starts afresh; a successful login
/// resets it at once.
/// </para>
/// <para>
/// Global: all clients together may make <see cref="LoginThrottlePolicy.GlobalBurst"/> failures
/// at once and then one per <see cref="LoginThrottlePolicy.GlobalRefillInterval"/>: a token
/// bucket. When it is empty every client waits, but never longer than one refill interval.
/// </para>
/// <para>
/// An attempt is counted as a failure when it starts (<see cref="TryBegin"/>), so parallel
/// requests cannot slip past the limits; <see cref="RecordSuccess"/> gives it back. The README's
/// "Brute force: the numbers" says what the service's policies add up to, as measured.
/// </para>
/// </remarks>
public sealed class LoginThrottle
{
    private const int PruneThreshold = 1000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ClientState> _clients = new(StringComparer.Ordinal);
    private readonly LoginThrottlePolicy _policy;
    private readonly TimeProvider _time;
    private double _globalTokens;
    private DateTimeOffset _globalUpdated;

    /// <summary>Creates a throttle with the given policy and clock.</summary>
    public LoginThrottle(LoginThrottlePolicy policy, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(policy.GlobalBurst, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(policy.GlobalRefillInterval, TimeSpan.Zero);
        _policy = policy;
        _time = timeProvider;
        _globalTokens = policy.GlobalBurst;
        _globalUpdated = timeProvider.GetUtcNow();
    }

    /// <summary>Number of clients currently remembered (for tests and diagnostics).</summary>
    public int TrackedClients
    {
        get
        {
            lock (_gate)
            {
                return _clients.Count;
            }
        }
    }

    /// <summary>
    /// Asks whether <paramref name="client"/> may try now. When allowed, the attempt is already
    /// counted as a failure; call <see cref="RecordSuccess"/> if the credentials were right.
    /// </summary>
    public ThrottleDecision TryBegin(string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            Refill(now);
            PruneIfLarge(now);

            if (_clients.TryGetValue(client, out var state))
            {
                if (state.LockedUntil > now)
                {
                    return ThrottleDecision.Refuse(state.LockedUntil - now);
                }

                if (now - state.LastFailure >= _policy.ForgetAfter)
                {
                    _clients.Remove(client);
                    state = null;
                }
            }

            if (_globalTokens < 1)
            {
                return ThrottleDecision.Refuse((1 - _globalTokens) * _policy.GlobalRefillInterval);
            }

            _globalTokens -= 1;
            if (state is null)
            {
                state = new ClientState();
                _clients[client] = state;
            }

            state.Failures++;
            state.LastFailure = now;
            var beyondFree = state.Failures - _policy.FreeFailures;
            if (beyondFree > 0)
            {
                state.LockedUntil = now + LockoutFor(beyondFree);
            }

            return ThrottleDecision.Allow;
        }
    }

    /// <summary>The attempt begun by <see cref="TryBegin"/> succeeded: forget the client's failures and give back its budget.</summary>
    public void RecordSuccess(string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_gate)
        {
            _clients.Remove(client);
            _globalTokens = Math.Min(_policy.GlobalBurst, _globalTokens + 1);
        }
    }

    private TimeSpan LockoutFor(int failuresBeyondFree)
    {
        // 2^30 seconds is far beyond any sensible cap; avoid overflow for absurd counts.
        var exponent = Math.Min(failuresBeyondFree - 1, 30);
        var lockout = _policy.FirstLockout * Math.Pow(2, exponent);
        return lockout < _policy.MaxLockout ? lockout : _policy.MaxLockout;
    }

    private void Refill(DateTimeOffset now)
    {
        var elapsed = now - _globalUpdated;
        if (elapsed > TimeSpan.Zero)
        {
            _globalTokens = Math.Min(_policy.GlobalBurst, _globalTokens + (elapsed / _policy.GlobalRefillInterval));
        }

        _globalUpdated = now;
    }

    private void PruneIfLarge(DateTimeOffset now)
    {
        if (_clients.Count < PruneThreshold)
        {
            return;
        }

        foreach (var (key, state) in _clients)
        {
            if (state.LockedUntil <= now && now - state.LastFailure >= _policy.ForgetAfter)
            {
                _clients.Remove(key);
            }
        }
    }

    private sealed class ClientState
    {
        public int Failures { get; set; }

        public DateTimeOffset LastFailure { get; set; }

        public DateTimeOffset LockedUntil { get; set; }
    }
}
