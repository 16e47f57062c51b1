using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ShLogin.Secrets;

/// <summary>Random secrets and their comparison.</summary>
public static class SecretTokens
{
    /// <summary>Bytes of randomness in a startup token: 192 bits, above the 128 the design requires.</summary>
    public const int TokenBytes = 24;

    /// <summary>Bytes in a new TOTP key: 160 bits, as RFC 4226 §4 recommends.</summary>
    public const int TotpKeyBytes = 20;

    /// <summary>A new startup token from the operating system's CSPRNG, URL-safe Base64 without padding.</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));

    /// <summary>A new TOTP key from the operating system's CSPRNG.</summary>
    public static byte[] NewTotpKey() => RandomNumberGenerator.GetBytes(TotpKeyBytes);

    /// <summary>
    /// Compares a secret with what a client sent in time that depends on neither's content nor
    /// length: both are hashed to a fixed size first, then compared in fixed time.
    /// </summary>
    public static bool FixedTimeEquals(string expected, string? provided)
    {
        ArgumentNullException.ThrowIfNull(expected);
        Span<byte> a = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> b = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), a);
        SHA256.HashData(Encoding.UTF8.GetBytes(provided ?? string.Empty), b);
        return CryptographicOperations.FixedTimeEquals(a, b) && provided is not null;
    }
}
