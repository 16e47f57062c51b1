using ShLogin.OtpServer.RateLimiting;
using ShLogin.OtpServer.Realms;
using ShLogin.OtpServer.Secrets;
using ShLogin.OtpServer.Storage;
using ShLogin.OtpServer.Totp;

namespace ShLogin.OtpServer.Verification;

/// <summary>
/// Every decision of the server about a code: who the caller is, whether its realm may act, and
/// whether a verified code is right and new. A caller's own code authenticates its request and may
/// be sent again within its window (a service verifying many tokens a second could not work
/// otherwise); a verified code is accepted once: its (entry, step) is recorded in the same
/// transaction that accepts it, so a replay, also one to another instance, is refused.
/// </summary>
public sealed class OtpVerifier
{
    // Compared against when no entry has the name, so an unknown name costs what a wrong code does.
    private static readonly byte[] AbsentSeed = new byte[TotpCheck.SeedBytes];

    private readonly IOtpStore _store;
    private readonly SeedCipher _cipher;
    private readonly VerifyThrottle _throttle;
    private readonly TimeProvider _time;

    /// <summary>A verifier over <paramref name="store"/>.</summary>
    public OtpVerifier(IOtpStore store, SeedCipher cipher, VerifyThrottle throttle, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(cipher);
        ArgumentNullException.ThrowIfNull(throttle);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _cipher = cipher;
        _throttle = throttle;
        _time = time;
    }

    /// <summary>Authenticates <paramref name="caller"/> (from <paramref name="client"/>) and checks that its realm may do <paramref name="action"/>.</summary>
    public async Task<CheckResult> AuthorizeAsync(Credentials caller, string client, OtpAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(client);
        var key = VerifyThrottle.CallerKey(client, caller.Name, caller.Realm);
        var wait = _throttle.WaitFor(key);
        if (wait > TimeSpan.Zero)
        {
            return CheckResult.Throttled(wait);
        }

        var entry = await _store.FindAsync(caller.Name, caller.Realm, cancellationToken);
        if (MatchingStep(entry, caller.Token) is null || entry is null)
        {
            _throttle.Failed(key);
            return CheckResult.WrongCredentials;
        }

        _throttle.Succeeded(key);
        return RealmPolicy.Allows(entry.Realm, action) ? CheckResult.Ok(entry) : CheckResult.Forbidden;
    }

    /// <summary><c>POST /ungleichotp/verify</c>: <paramref name="caller"/> asks whether <paramref name="subject"/>'s code is right.</summary>
    public async Task<CheckResult> VerifyAsync(Credentials caller, Credentials subject, string client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var authorized = await AuthorizeAsync(caller, client, OtpAction.Authenticate, cancellationToken);
        if (authorized.Status != CheckStatus.Ok || authorized.Entry is null)
        {
            return authorized;
        }

        var result = await ConsumeAsync(subject, VerifyThrottle.VerifyKey(authorized.Entry.Id, subject.Name, subject.Realm), cancellationToken);
        return result.Status == CheckStatus.WrongCredentials ? CheckResult.Forbidden : result;
    }

    /// <summary>
    /// nginx's check: is <paramref name="subject"/>'s code right and new? No caller entry: whoever
    /// can reach the server's socket may ask; failures count per <paramref name="client"/> and entry.
    /// </summary>
    public Task<CheckResult> CheckForGatewayAsync(Credentials subject, string client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(client);
        return ConsumeAsync(subject, VerifyThrottle.CallerKey("gateway " + client, subject.Name, subject.Realm), cancellationToken);
    }

    private async Task<CheckResult> ConsumeAsync(Credentials subject, string key, CancellationToken cancellationToken)
    {
        var wait = _throttle.WaitFor(key);
        if (wait > TimeSpan.Zero)
        {
            return CheckResult.Throttled(wait);
        }

        var entry = await _store.FindAsync(subject.Name, subject.Realm, cancellationToken);
        var step = MatchingStep(entry, subject.Token);
        if (entry is null || step is null || !await _store.TryUseStepAsync(entry.Id, step.Value, cancellationToken))
        {
            _throttle.Failed(key);
            return CheckResult.WrongCredentials;
        }

        _throttle.Succeeded(key);
        return CheckResult.Ok(entry);
    }

    private long? MatchingStep(OtpEntry? entry, string token)
    {
        var seed = entry is null ? AbsentSeed : _cipher.Decrypt(entry.Id, entry.SealedSeed);
        try
        {
            var step = TotpCheck.MatchingStep(seed, token, _time.GetUtcNow());
            return entry is null ? null : step;
        }
        finally
        {
            if (entry is not null)
            {
                Array.Clear(seed);
            }
        }
    }
}
