using ShLogin.LoginService.Security;
using ShLogin.Secrets;

namespace ShLogin.LoginService.RateLimiting;

/// <summary>
/// Decides a sign-in attempt: which credential is checked, in which order, and which budget it
/// spends. Everything that tells the right user from a guesser is here; the endpoint only turns
/// the outcome into a page.
/// </summary>
/// <remarks>
/// <para>
/// Per-address limits cannot tell an attacker from the user: everyone who arrives through an SSH
/// tunnel, and every other user of the same host, is loopback. So a limit must never stand between
/// the user and a credential the attacker cannot guess:
/// </para>
/// <list type="bullet">
/// <item>The token (128+ random bits) is always compared, even while its sender's address is
/// throttled, and the right token is always accepted. <see cref="LoginThrottlePolicy.WrongTokens"/>
/// only turns wrong ones into <c>429</c>s: guessing 128 bits is hopeless at any rate the service
/// can answer.</item>
/// <item>A TOTP code (6 digits) can be guessed, so checking one spends the code budget
/// (<see cref="LoginThrottlePolicy.Codes"/>). In token+TOTP mode the code is only looked at once
/// the token was right: only someone holding the token can spend that budget.</item>
/// <item>In TOTP-only mode anyone can spend the code budget, so an attacker who keeps guessing
/// from the user's address keeps the user waiting; each wait is at most
/// <see cref="LoginThrottlePolicy.LongestWait"/> of <see cref="LoginThrottlePolicy.Codes"/>.</item>
/// </list>
/// </remarks>
internal sealed class SignInGuard
{
    private readonly CredentialVerifier _verifier;

    /// <summary>A guard over <paramref name="verifier"/>'s credentials, with the given throttles for wrong tokens and for codes.</summary>
    public SignInGuard(CredentialVerifier verifier, LoginThrottle wrongTokens, LoginThrottle codes)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(wrongTokens);
        ArgumentNullException.ThrowIfNull(codes);
        _verifier = verifier;
        WrongTokens = wrongTokens;
        Codes = codes;
    }

    /// <summary>The throttle of wrong tokens.</summary>
    public LoginThrottle WrongTokens { get; }

    /// <summary>The throttle of TOTP codes: the guess budget.</summary>
    public LoginThrottle Codes { get; }

    /// <summary>A guard with the service's policies on <paramref name="time"/>.</summary>
    public static SignInGuard Create(CredentialVerifier verifier, TimeProvider time) =>
        new(verifier, new LoginThrottle(LoginThrottlePolicy.WrongTokens, time), new LoginThrottle(LoginThrottlePolicy.Codes, time));

    /// <summary>Checks what <paramref name="client"/> (see <see cref="TrustedProxy.ClientKey"/>) submitted.</summary>
    public SignInOutcome Attempt(string client, string? token, string? code)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (_verifier.RequiresToken)
        {
            // Counted before the comparison, so parallel wrong tokens cannot slip past the limit.
            var decision = WrongTokens.TryBegin(client);
            if (!_verifier.TokenMatches(token))
            {
                return decision.Allowed ? SignInOutcome.WrongToken : new(SignInResult.WrongTokenThrottled, decision.RetryAfter);
            }

            if (decision.Allowed)
            {
                WrongTokens.RecordSuccess(client);
            }
        }

        if (!_verifier.RequiresCode)
        {
            return SignInOutcome.Accepted;
        }

        var codeDecision = Codes.TryBegin(client);
        if (!codeDecision.Allowed)
        {
            return new(SignInResult.CodeThrottled, codeDecision.RetryAfter);
        }

        switch (_verifier.CheckCode(code))
        {
            case TotpCheck.Wrong:
                return SignInOutcome.Rejected(SignInFailure.WrongCode);
            case TotpCheck.Replayed:
                return SignInOutcome.Rejected(SignInFailure.ReplayedCode);
        }

        Codes.RecordSuccess(client);
        return SignInOutcome.Accepted;
    }
}
