using System.Security.Cryptography;

namespace ShLogin.Vault.Format;

/// <summary>Seals a plaintext into a vault file and opens one: AES-256-GCM with the whole header as associated data.</summary>
public static class VaultCodec
{
    /// <summary>The message for a failed authentication: the two causes cannot be told apart.</summary>
    public const string NotAuthentic = "wrong passphrase, or the vault was altered or damaged (its authentication failed)";

    /// <summary>The bytes of a vault file holding <paramref name="plaintext"/>, with a new random nonce.</summary>
    public static byte[] Seal(VaultKey key, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (plaintext.Length > VaultHeader.MaxCiphertextLength)
        {
            throw new ArgumentOutOfRangeException(nameof(plaintext), "the vault's contents are too large");
        }

        var header = new VaultHeader
        {
            Kdf = key.Kdf,
            Salt = key.Salt,
            Nonce = RandomNumberGenerator.GetBytes(VaultHeader.NonceLength),
            CiphertextLength = plaintext.Length,
        };
        var headerBytes = header.ToBytes();
        var file = new byte[VaultHeader.Length + plaintext.Length + VaultHeader.TagLength];
        headerBytes.CopyTo(file, 0);
        using var cipher = key.Cipher();
        cipher.Encrypt(
            header.Nonce,
            plaintext,
            file.AsSpan(VaultHeader.Length, plaintext.Length),
            file.AsSpan(VaultHeader.Length + plaintext.Length),
            headerBytes);
        return file;
    }

    /// <summary>The plaintext of a vault file, with a key derived from <paramref name="passphrase"/>.</summary>
    /// <exception cref="VaultFormatException">Not a vault, unknown version, truncated, tampered with, or the wrong passphrase.</exception>
    public static byte[] Open(ReadOnlySpan<byte> file, string passphrase, out VaultKey key)
    {
        var header = VaultHeader.Parse(file);
        key = VaultKey.Derive(passphrase, header.Salt, header.Kdf);
        try
        {
            return Decrypt(file, header, key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The plaintext of a vault file, with a key kept from an earlier open.</summary>
    /// <exception cref="VaultFormatException">As <see cref="Open(ReadOnlySpan{byte}, string, out VaultKey)"/>, or the vault now has another salt or cost.</exception>
    public static byte[] Open(ReadOnlySpan<byte> file, VaultKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var header = VaultHeader.Parse(file);
        if (!key.Fits(header))
        {
            throw new VaultFormatException("the vault was replaced by one with another salt or Argon2id cost; unlock it again");
        }

        return Decrypt(file, header, key);
    }

    private static byte[] Decrypt(ReadOnlySpan<byte> file, VaultHeader header, VaultKey key)
    {
        var plaintext = new byte[header.CiphertextLength];
        using var cipher = key.Cipher();
        try
        {
            cipher.Decrypt(
                header.Nonce,
                file.Slice(VaultHeader.Length, header.CiphertextLength),
                file.Slice(VaultHeader.Length + header.CiphertextLength, VaultHeader.TagLength),
                plaintext,
                file[..VaultHeader.Length]);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new VaultFormatException(NotAuthentic, e);
        }

        return plaintext;
    }
}
