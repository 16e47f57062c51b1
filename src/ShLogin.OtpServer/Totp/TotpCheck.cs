using OtpNet;

namespace ShLogin.OtpServer.Totp;

/// <summary>
/// RFC 6238 with the defaults every authenticator and pyotp use (SHA-1, 6 digits, 30 s), accepting
/// the previous, current and next step. Which step matched is returned so that the caller can
/// record it: Otp.NET itself keeps no memory of used codes.
/// </summary>
public static class TotpCheck
{
    /// <summary>Digits of a code.</summary>
    public const int Digits = 6;

    /// <summary>Seconds per step.</summary>
    public const int StepSeconds = 30;

    /// <summary>Bytes of a new seed (160 bits, RFC 4226's recommendation): 32 Base32 characters.</summary>
    public const int SeedBytes = 20;

    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    /// <summary>Whether <paramref name="token"/> has the shape of a code: exactly six ASCII digits.</summary>
    public static bool IsWellFormed(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Length == Digits && token.All(char.IsAsciiDigit);
    }

    /// <summary>The step <paramref name="token"/> belongs to at <paramref name="now"/> (±1), or null.</summary>
    public static long? MatchingStep(byte[] seed, string token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(token);
        if (!IsWellFormed(token))
        {
            return null;
        }

        var totp = new OtpNet.Totp(seed, StepSeconds, OtpHashMode.Sha1, Digits);
        return totp.VerifyTotp(now.UtcDateTime, token, out var step, Window) ? step : null;
    }

    /// <summary>The code of <paramref name="seed"/> at <paramref name="now"/> (tests, and clients written in C#).</summary>
    public static string Compute(byte[] seed, DateTimeOffset now) =>
        new OtpNet.Totp(seed, StepSeconds, OtpHashMode.Sha1, Digits).ComputeTotp(now.UtcDateTime);

    /// <summary>A new random seed.</summary>
    public static byte[] NewSeed() => KeyGeneration.GenerateRandomKey(SeedBytes);

    /// <summary>The seed as clients configure it: Base32, upper case, no padding.</summary>
    public static string ToBase32(byte[] seed) => Base32Encoding.ToString(seed).TrimEnd('=');
}
