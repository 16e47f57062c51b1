using System.Text;
using ShLogin.Secrets;

namespace ShLogin.Vault.Transfer;

/// <summary>
/// Google Authenticator's "transfer accounts" export: <c>otpauth-migration://offline?data=BASE64</c>,
/// whose data is a protobuf <c>MigrationPayload</c> (field 1: repeated <c>OtpParameters</c> with
/// secret=1, name=2, issuer=3, algorithm=4, digits=5, type=6, counter=7). Decoded by hand: two
/// messages of a few scalar fields need no code generator, and every length is checked against
/// what is left of the input.
/// </summary>
public static class MigrationPayload
{
    /// <summary>The scheme and host that start such a URI.</summary>
    public const string Prefix = "otpauth-migration://offline";

    private const int MaxDataBytes = 64 * 1024;

    /// <summary>The accounts of one export URI, and how many of its entries were HOTP or unknown and left out.</summary>
    /// <exception cref="TransferException">It is not such a URI, or its data is not a valid payload.</exception>
    public static (IReadOnlyList<ImportedAccount> Accounts, int Skipped) ParseUri(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (!text.StartsWith(Prefix + "?", StringComparison.OrdinalIgnoreCase))
        {
            throw new TransferException($"not a Google Authenticator export: expected {Prefix}?data=...");
        }

        string? data = null;
        foreach (var pair in text[(Prefix.Length + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("data=", StringComparison.Ordinal))
            {
                data = Uri.UnescapeDataString(pair[5..]);
            }
        }

        if (string.IsNullOrEmpty(data) || data.Length > MaxDataBytes * 2)
        {
            throw new TransferException("the export URI has no data (or too much)");
        }

        byte[] bytes;
        try
        {
            // Standard Base64; some QR readers hand over the URL-safe alphabet or drop the padding.
            var standard = data.Replace('-', '+').Replace('_', '/').Replace(' ', '+');
            bytes = Convert.FromBase64String(standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '='));
        }
        catch (FormatException e)
        {
            throw new TransferException("the export URI's data is not Base64", e);
        }

        return Decode(bytes);
    }

    /// <summary>The accounts of a decoded payload, and how many entries were left out (HOTP, unknown type or algorithm).</summary>
    /// <exception cref="TransferException">The bytes are not a valid payload.</exception>
    public static (IReadOnlyList<ImportedAccount> Accounts, int Skipped) Decode(ReadOnlySpan<byte> payload)
    {
        var accounts = new List<ImportedAccount>();
        var skipped = 0;
        var reader = new ProtoReader(payload);
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadTag();
            if (field == 1 && wireType == ProtoReader.LengthDelimited)
            {
                if (ReadOtpParameters(reader.ReadBytes()) is { } account)
                {
                    accounts.Add(account);
                }
                else
                {
                    skipped++;
                }
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return (accounts, skipped);
    }

    private static ImportedAccount? ReadOtpParameters(ReadOnlySpan<byte> message)
    {
        byte[] secret = [];
        string name = string.Empty, issuer = string.Empty;
        ulong algorithm = 0, digits = 0, type = 0;
        var reader = new ProtoReader(message);
        while (!reader.AtEnd)
        {
            var (field, wireType) = reader.ReadTag();
            switch (field, wireType)
            {
                case (1, ProtoReader.LengthDelimited):
                    secret = reader.ReadBytes().ToArray();
                    break;
                case (2, ProtoReader.LengthDelimited):
                    name = ReadString(reader.ReadBytes());
                    break;
                case (3, ProtoReader.LengthDelimited):
                    issuer = ReadString(reader.ReadBytes());
                    break;
                case (4, ProtoReader.Varint):
                    algorithm = reader.ReadVarint();
                    break;
                case (5, ProtoReader.Varint):
                    digits = reader.ReadVarint();
                    break;
                case (6, ProtoReader.Varint):
                    type = reader.ReadVarint();
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        // OtpType: 1 HOTP, 2 TOTP. Algorithm: 0 unspecified (SHA1), 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5.
        OtpAlgorithm? hash = algorithm switch
        {
            0 or 1 => OtpAlgorithm.Sha1,
            2 => OtpAlgorithm.Sha256,
            3 => OtpAlgorithm.Sha512,
            _ => null,
        };
        if (type != 2 || hash is null)
        {
            return null;
        }

        if (secret.Length == 0 || secret.Length > Accounts.OtpAccount.MaxSecretBytes)
        {
            throw new TransferException($"an entry of the export has a secret of {secret.Length} bytes (expected 1-{Accounts.OtpAccount.MaxSecretBytes})");
        }

        // DigitCount: 0 unspecified (6), 1 six, 2 eight.
        var digitCount = digits switch
        {
            0 or 1 => 6,
            2 => 8,
            _ => throw new TransferException($"an entry of the export has digit count {digits} (expected 1 for six or 2 for eight)"),
        };

        // Google writes the label as "Issuer:account" in name; keep the account part.
        if (issuer.Length > 0 && name.StartsWith(issuer + ":", StringComparison.Ordinal))
        {
            name = name[(issuer.Length + 1)..].Trim();
        }

        return new ImportedAccount
        {
            Issuer = issuer,
            AccountName = name,
            Secret = secret,
            Parameters = new TotpParameters(hash.Value, digitCount, 30),
        };
    }

    private static string ReadString(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new TransferException("an entry of the export has a name that is not UTF-8", e);
        }
    }

    /// <summary>The protobuf wire format's few primitives, bounded by the input.</summary>
    private ref struct ProtoReader(ReadOnlySpan<byte> input)
    {
        public const int Varint = 0;
        public const int Fixed64 = 1;
        public const int LengthDelimited = 2;
        public const int Fixed32 = 5;

        private readonly ReadOnlySpan<byte> _input = input;
        private int _position;

        public readonly bool AtEnd => _position >= _input.Length;

        public (ulong Field, int WireType) ReadTag()
        {
            var tag = ReadVarint();
            var field = tag >> 3;
            return field == 0 ? throw Invalid("a field number of 0") : (field, (int)(tag & 7));
        }

        public ulong ReadVarint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (_position >= _input.Length)
                {
                    throw Invalid("it ends inside a number");
                }

                var b = _input[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }

            throw Invalid("a number longer than 10 bytes");
        }

        public ReadOnlySpan<byte> ReadBytes()
        {
            var length = ReadVarint();
            if (length > (ulong)(_input.Length - _position))
            {
                throw Invalid($"a field of {length} bytes where {_input.Length - _position} are left");
            }

            var bytes = _input.Slice(_position, (int)length);
            _position += (int)length;
            return bytes;
        }

        public void Skip(int wireType)
        {
            switch (wireType)
            {
                case Varint:
                    ReadVarint();
                    break;
                case LengthDelimited:
                    ReadBytes();
                    break;
                case Fixed64:
                    Advance(8);
                    break;
                case Fixed32:
                    Advance(4);
                    break;
                default:
                    throw Invalid($"wire type {wireType}");
            }
        }

        private void Advance(int count)
        {
            if (_input.Length - _position < count)
            {
                throw Invalid("it ends inside a field");
            }

            _position += count;
        }

        private static TransferException Invalid(string what) =>
            new($"the Google Authenticator export is not valid: {what}");
    }
}
