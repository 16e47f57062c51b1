namespace ShLogin.LoginService.RateLimiting;

/// <summary>How a sign-in attempt ended (see <see cref="SignInGuard"/>).</summary>
public enum SignInResult
{
    /// <summary>Every credential was right: sign the browser in.</summary>
    Accepted,

    /// <summary>A credential was wrong (a <c>401</c>).</summary>
    Rejected,

    /// <summary>
    /// The token was wrong and its sender's address is waiting after too many wrong tokens (a
    /// <c>429</c>). The right token would have been accepted all the same.
    /// </summary>
    WrongTokenThrottled,

    /// <summary>The TOTP guess budget says wait; the code was not checked (a <c>429</c>).</summary>
    CodeThrottled,
}
