namespace ShLogin.Secrets;

/// <summary>
/// Checks submitted TOTP codes: accepts the current step and <c>window</c> steps either side for
/// clock drift, compares in constant time, and accepts each step at most once, so a code seen
/// over a shoulder or in a proxy log cannot be used again (RFC 6238 §5.2). Thread-safe.
/// </summary>
public sealed class TotpVerifier
{
    private readonly Totp _totp;
    private readonly TimeProvider _time;
    private readonly int _window;
    private readonly Lock _gate = new();
    private long _lastAcceptedStep = long.MinValue;

    /// <summary>A verifier for one generator.</summary>
    /// <param name="totp">The generator holding the secret.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="window">Steps accepted either side of the current one (0–5).</param>
    public TotpVerifier(Totp totp, TimeProvider timeProvider, int window = 1)
        : this(totp, timeProvider, window, long.MinValue)
    {
    }

    /// <summary>
    /// A verifier for one generator that carries on from an earlier one: codes of
    /// <paramref name="lastAcceptedStep"/> and of every step before it are refused.
    /// </summary>
    /// <param name="totp">The generator holding the secret.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="window">Steps accepted either side of the current one (0–5).</param>
    /// <param name="lastAcceptedStep">The last step accepted before (see <see cref="LastAcceptedStep"/>).</param>
    public TotpVerifier(Totp totp, TimeProvider timeProvider, int window, long lastAcceptedStep)
    {
        ArgumentNullException.ThrowIfNull(totp);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, 5);
        _totp = totp;
        _time = timeProvider;
        _window = window;
        _lastAcceptedStep = lastAcceptedStep;
    }

    /// <summary>The latest step a code was accepted for; <see cref="long.MinValue"/> when none was.</summary>
    public long LastAcceptedStep
    {
        get
        {
            lock (_gate)
            {
                return _lastAcceptedStep;
            }
        }
    }

    /// <summary>
    /// True when <paramref name="code"/> is the code of a step within the window that is later
    /// than every step accepted before; that step then becomes the last accepted one.
    /// </summary>
    public bool Verify(string? code) => Check(code) == TotpCheck.Accepted;

    /// <summary>
    /// Like <see cref="Verify"/>, but tells a wrong code from a right one that was already used
    /// (<see cref="TotpCheck.Replayed"/>): both are refused.
    /// </summary>
    public TotpCheck Check(string? code)
    {
        if (code is null)
        {
            return TotpCheck.Wrong;
        }

        code = code.Trim();
        if (code.Length != _totp.Parameters.Digits || !code.All(char.IsAsciiDigit))
        {
            return TotpCheck.Wrong;
        }

        // Otp.NET compares each candidate in constant time; what is ShLogin's own is the replay rule below.
        if (!_totp.Matches(code, _time.GetUtcNow(), _window, out var matched))
        {
            return TotpCheck.Wrong;
        }

        lock (_gate)
        {
            if (matched <= _lastAcceptedStep)
            {
                return TotpCheck.Replayed;
            }

            _lastAcceptedStep = matched;
            return TotpCheck.Accepted;
        }
    }
}
