using OtpNet;

namespace ShLogin.Secrets;

/// <summary>
/// <c>otpauth://totp/…</c> URIs, the format authenticator apps read from a QR code
/// (the Key Uri Format of Google Authenticator).
/// </summary>
public static class OtpAuthUri
{
    /// <summary>Builds the URI for a TOTP secret.</summary>
    /// <param name="key">The secret key.</param>
    /// <param name="issuer">Who issued it, shown by the app (e.g. ShLogin).</param>
    /// <param name="account">The account name, e.g. user@host.</param>
    /// <param name="parameters">Hash, digits and period.</param>
    public static string Build(byte[] key, string issuer, string account, TotpParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        ArgumentNullException.ThrowIfNull(parameters);

        // Otp.NET writes the Key Uri Format authenticator apps read: "issuer:account" label, every
        // parameter named, values escaped so neither name can add a parameter, secret unpadded.
        return new OtpUri(OtpType.Totp, key, account, issuer, Totp.HashMode(parameters.Algorithm), parameters.Digits, parameters.PeriodSeconds).ToString();
    }
}
