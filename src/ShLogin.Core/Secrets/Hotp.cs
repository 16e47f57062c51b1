using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace ShLogin.Secrets;

/// <summary>HMAC-based one-time passwords (RFC 4226), the core of TOTP.</summary>
public static class Hotp
{
    private static readonly int[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    /// <summary>The code for a counter value: dynamic truncation (RFC 4226 §5.3) of the HMAC, zero-padded.</summary>
    public static string Compute(ReadOnlySpan<byte> key, long counter, int digits = 6, OtpAlgorithm algorithm = OtpAlgorithm.Sha1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, TotpParameters.MinDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, TotpParameters.MaxDigits);

        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        Span<byte> mac = stackalloc byte[64];
        var length = algorithm switch
        {
#pragma warning disable CA5350 // RFC 4226 and every authenticator app use HMAC-SHA-1; HMAC does not rely on SHA-1's collision resistance.
            OtpAlgorithm.Sha1 => HMACSHA1.HashData(key, message, mac),
#pragma warning restore CA5350
            OtpAlgorithm.Sha256 => HMACSHA256.HashData(key, message, mac),
            OtpAlgorithm.Sha512 => HMACSHA512.HashData(key, message, mac),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };

        var offset = mac[length - 1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(mac.Slice(offset, 4)) & 0x7fffffff;
        var code = binary % PowersOfTen[digits];
        return code.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }
}
