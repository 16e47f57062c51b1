namespace ShLogin.OtpServer.RateLimiting;

/// <summary>
/// Which failures make whom wait, chosen so that nobody can lock out somebody else:
/// <list type="bullet">
/// <item>A wrong own token (the caller's name, realm and token) counts against that claimed entry
/// <em>from that client address</em>: someone guessing the admin's code from elsewhere does not
/// keep the admin out. (Everyone behind one unix socket or one proxy address shares an address.)</item>
/// <item>A wrong verified token counts against the pair (authenticated caller, verified entry):
/// a caller that keeps failing to verify one entry waits, other callers verifying the same entry
/// do not, and the guesses on one entry are bounded per trusted caller.</item>
/// </list>
/// With the defaults a key gets 5 free failures, then waits 1 s, 2 s, 4 s … up to 5 minutes:
/// about 300 guesses a day, each with a chance of 3 in a million (±1 step window).
/// </summary>
public sealed class VerifyThrottle
{
    private readonly FailureBackoff _backoff;

    /// <summary>A throttle with its own <see cref="FailureBackoff"/>.</summary>
    public VerifyThrottle(FailureBackoff backoff)
    {
        ArgumentNullException.ThrowIfNull(backoff);
        _backoff = backoff;
    }

    /// <summary>The underlying backoff (tests).</summary>
    public FailureBackoff Backoff => _backoff;

    /// <summary>The key of an own-token check of <paramref name="name"/>@<paramref name="realm"/> from <paramref name="client"/>.</summary>
    public static string CallerKey(string client, string name, string realm) => $"caller\0{client}\0{name}\0{realm}";

    /// <summary>The key of <paramref name="caller"/> verifying the entry <paramref name="name"/>@<paramref name="realm"/>.</summary>
    public static string VerifyKey(Guid caller, string name, string realm) => $"verify\0{caller:D}\0{name}\0{realm}";

    /// <summary>How long <paramref name="key"/> waits (zero: go ahead).</summary>
    public TimeSpan WaitFor(string key) => _backoff.WaitFor(key);

    /// <summary>Counts a failure.</summary>
    public void Failed(string key) => _backoff.RecordFailure(key);

    /// <summary>Forgets earlier failures.</summary>
    public void Succeeded(string key) => _backoff.RecordSuccess(key);
}
