namespace ShLogin.Secrets;

/// <summary>What <see cref="TotpVerifier.Check"/> made of a submitted code.</summary>
public enum TotpCheck
{
    /// <summary>The code of a step in the window, later than every step accepted before: accepted and used up.</summary>
    Accepted,

    /// <summary>Not the code of any step in the window (or not a code at all).</summary>
    Wrong,

    /// <summary>The code of a step in the window that was already accepted (or is older than one that was): refused (RFC 6238 §5.2).</summary>
    Replayed,
}
