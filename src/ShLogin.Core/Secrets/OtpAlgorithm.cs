namespace ShLogin.Secrets;

/// <summary>The HMAC hash of an HOTP/TOTP generator (RFC 6238 §1.2).</summary>
public enum OtpAlgorithm
{
    /// <summary>HMAC-SHA-1, the RFC 4226 default and what most authenticator apps support.</summary>
    Sha1,

    /// <summary>HMAC-SHA-256.</summary>
    Sha256,

    /// <summary>HMAC-SHA-512.</summary>
    Sha512,
}
