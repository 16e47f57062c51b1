using System.Buffers.Binary;

namespace ShLogin.Vault.Format;

/// <summary>
/// The clear part at the start of a vault file, all of it authenticated as the AEAD's associated
/// data (big-endian):
/// <code>
///  0  8  magic "SHLOTPV\n"
///  8  2  format version (1)
/// 10  1  KDF (1 = Argon2id v1.3)
/// 11  1  cipher (1 = AES-256-GCM)
/// 12  4  Argon2id memory, KiB
/// 16  4  Argon2id iterations
/// 20  4  Argon2id lanes
/// 24 16  salt
/// 40 12  nonce
/// 52  4  ciphertext length, then the ciphertext and its 16-byte tag
/// </code>
/// </summary>
public sealed record VaultHeader
{
    /// <summary>The format this code writes and reads.</summary>
    public const ushort CurrentVersion = 1;

    /// <summary>Argon2id, version 0x13.</summary>
    public const byte KdfArgon2id = 1;

    /// <summary>AES-256-GCM.</summary>
    public const byte CipherAes256Gcm = 1;

    /// <summary>Bytes of the header.</summary>
    public const int Length = 56;

    /// <summary>Bytes of the salt.</summary>
    public const int SaltLength = 16;

    /// <summary>Bytes of the nonce.</summary>
    public const int NonceLength = 12;

    /// <summary>Bytes of the authentication tag after the ciphertext.</summary>
    public const int TagLength = 16;

    /// <summary>The largest ciphertext accepted (16 MiB: far more than any number of accounts).</summary>
    public const int MaxCiphertextLength = 16 * 1024 * 1024;

    private static ReadOnlySpan<byte> Magic => "SHLOTPV\n"u8;

    /// <summary>The KDF's cost.</summary>
    public required KdfParameters Kdf { get; init; }

    /// <summary>The Argon2id salt, random per vault.</summary>
    public required byte[] Salt { get; init; }

    /// <summary>The AES-GCM nonce, random per write.</summary>
    public required byte[] Nonce { get; init; }

    /// <summary>Bytes of ciphertext that follow the header (the tag comes after them).</summary>
    public required int CiphertextLength { get; init; }

    /// <summary>The header's bytes, exactly as stored and authenticated.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Length];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], CurrentVersion);
        span[10] = KdfArgon2id;
        span[11] = CipherAes256Gcm;
        BinaryPrimitives.WriteInt32BigEndian(span[12..], Kdf.MemoryKiB);
        BinaryPrimitives.WriteInt32BigEndian(span[16..], Kdf.Iterations);
        BinaryPrimitives.WriteInt32BigEndian(span[20..], Kdf.Parallelism);
        Salt.CopyTo(span[24..]);
        Nonce.CopyTo(span[40..]);
        BinaryPrimitives.WriteInt32BigEndian(span[52..], CiphertextLength);
        return bytes;
    }

    /// <summary>Reads and checks the header of a whole vault file (not yet its authenticity).</summary>
    /// <exception cref="VaultFormatException">It is not a vault, of an unknown version, out of limits or truncated.</exception>
    public static VaultHeader Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < Magic.Length || !file[..Magic.Length].SequenceEqual(Magic))
        {
            throw new VaultFormatException("not a ShLogin OTP vault (its first bytes are not \"SHLOTPV\")");
        }

        if (file.Length < Length)
        {
            throw new VaultFormatException($"the vault is truncated ({file.Length} bytes, its header alone has {Length})");
        }

        var version = BinaryPrimitives.ReadUInt16BigEndian(file[8..]);
        if (version != CurrentVersion)
        {
            throw new VaultFormatException($"the vault has format version {version}; this sh-login reads version {CurrentVersion} only");
        }

        if (file[10] != KdfArgon2id || file[11] != CipherAes256Gcm)
        {
            throw new VaultFormatException($"the vault names KDF {file[10]} and cipher {file[11]}; version {CurrentVersion} has only Argon2id (1) and AES-256-GCM (1)");
        }

        var kdf = new KdfParameters(
            BinaryPrimitives.ReadInt32BigEndian(file[12..]),
            BinaryPrimitives.ReadInt32BigEndian(file[16..]),
            BinaryPrimitives.ReadInt32BigEndian(file[20..]));
        if (!kdf.IsWithinLimits)
        {
            throw new VaultFormatException(
                $"the vault's Argon2id parameters (memory {kdf.MemoryKiB} KiB, {kdf.Iterations} iterations, {kdf.Parallelism} lanes) are outside {KdfParameters.Accepted}");
        }

        var ciphertextLength = BinaryPrimitives.ReadInt32BigEndian(file[52..]);
        if (ciphertextLength is < 0 or > MaxCiphertextLength)
        {
            throw new VaultFormatException($"the vault's ciphertext length {ciphertextLength} is outside 0-{MaxCiphertextLength}");
        }

        var expected = (long)Length + ciphertextLength + TagLength;
        if (file.Length != expected)
        {
            throw new VaultFormatException(file.Length < expected
                ? $"the vault is truncated ({file.Length} bytes, its header announces {expected})"
                : $"the vault has {file.Length - expected} bytes after its end");
        }

        return new VaultHeader
        {
            Kdf = kdf,
            Salt = file.Slice(24, SaltLength).ToArray(),
            Nonce = file.Slice(40, NonceLength).ToArray(),
            CiphertextLength = ciphertextLength,
        };
    }
}
