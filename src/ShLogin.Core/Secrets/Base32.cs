using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ShLogin.Secrets;

/// <summary>
/// Base32 of RFC 4648 §6, the alphabet of TOTP secrets. Decoding forgives what people do when
/// they copy a secret by hand: lower case, spaces and dashes between groups, missing padding.
/// </summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>Encodes bytes as upper-case Base32.</summary>
    /// <param name="data">The bytes.</param>
    /// <param name="padding">Whether to pad with '=' to a multiple of 8 characters (RFC 4648); authenticator apps expect none.</param>
    public static string Encode(ReadOnlySpan<byte> data, bool padding = false)
    {
        var text = new StringBuilder((data.Length + 4) / 5 * 8);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text.Append(Alphabet[(buffer >> bits) & 31]);
            }
        }

        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        if (padding)
        {
            while (text.Length % 8 != 0)
            {
                text.Append('=');
            }
        }

        return text.ToString();
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

        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0, symbols = 0;
        var paddingSeen = false;
        foreach (var c in text)
        {
            if (c is ' ' or '-' or '\t')
            {
                continue;
            }

            if (c == '=')
            {
                paddingSeen = true;
                continue;
            }

            if (paddingSeen)
            {
                return false;
            }

            var value = ValueOf(c);
            if (value < 0)
            {
                return false;
            }

            symbols++;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
            }

            buffer &= (1 << bits) - 1;
        }

        // Lengths 1, 3 and 6 (mod 8) are never produced by an encoder, and leftover bits must be zero.
        if (symbols % 8 is 1 or 3 or 6 || buffer != 0)
        {
            return false;
        }

        bytes = [.. output];
        return true;
    }

    private static int ValueOf(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a',
        >= '2' and <= '7' => c - '2' + 26,
        _ => -1,
    };
}
