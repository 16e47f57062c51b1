using System.Diagnostics.CodeAnalysis;
using OtpNet;

namespace ShLogin.Secrets;

/// <summary>
/// Base32 of RFC 4648 §6, the alphabet of TOTP secrets, done by Otp.NET. What is ShLogin's own is
/// what people do when they copy a secret by hand: lower case, spaces and dashes between groups,
/// missing padding are forgiven; anything an encoder would not have produced is refused.
/// </summary>
public static class Base32
{
    /// <summary>Encodes bytes as upper-case Base32.</summary>
    /// <param name="data">The bytes.</param>
    /// <param name="padding">Whether to pad with '=' to a multiple of 8 characters (RFC 4648); authenticator apps expect none.</param>
    public static string Encode(ReadOnlySpan<byte> data, bool padding = false)
    {
        if (data.IsEmpty)
        {
            return string.Empty;
        }

        var text = Base32Encoding.ToString(data.ToArray());
        return padding ? text.PadRight((text.TrimEnd('=').Length + 7) / 8 * 8, '=') : text.TrimEnd('=');
    }

    /// <summary>Decodes Base32 text.</summary>
    /// <exception cref="FormatException">A character outside the alphabet, or a length no encoder produces.</exception>
    public static byte[] Decode(string text) =>
        TryDecode(text, out var bytes) ? bytes : throw new FormatException("expected Base32 (RFC 4648: letters A-Z and digits 2-7)");

    /// <summary>Decodes Base32 text; false for anything that is not Base32.</summary>
    public static bool TryDecode(string? text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text is null)
        {
            return false;
        }

        // Grouping that people add, then padding, which may only end the text.
        var symbols = new string([.. text.Where(c => c is not (' ' or '-' or '\t'))]).ToUpperInvariant();
        var unpadded = symbols.TrimEnd('=');
        if (unpadded.Contains('=', StringComparison.Ordinal) || unpadded.Any(c => c is not ((>= 'A' and <= 'Z') or (>= '2' and <= '7'))))
        {
            return false;
        }

        if (unpadded.Length == 0)
        {
            bytes = [];
            return true;
        }

        byte[] decoded;
        try
        {
            decoded = Base32Encoding.ToBytes(unpadded);
        }
        catch (ArgumentException)
        {
            return false;
        }

        // Lengths 1, 3 and 6 (mod 8) and non-zero leftover bits are never produced by an encoder:
        // only text that encodes back to itself is Base32.
        if (!string.Equals(Encode(decoded), unpadded, StringComparison.Ordinal))
        {
            return false;
        }

        bytes = decoded;
        return true;
    }
}
