using System.Security.Cryptography;
using System.Text;

namespace ShLogin.Vault.Format;

/// <summary>
/// The AES-256 key a passphrase stretches to for one vault (its salt and Argon2id cost). Kept by
/// whoever writes the vault again, so a save needs no second derivation; each save takes a new nonce.
/// </summary>
public sealed class VaultKey : IDisposable
{
    /// <summary>Bytes of the key.</summary>
    public const int Length = 32;

    private readonly byte[] _key;

    private VaultKey(byte[] key, byte[] salt, KdfParameters kdf)
    {
        _key = key;
        Salt = salt;
        Kdf = kdf;
    }

    /// <summary>The salt the key was derived with.</summary>
    public byte[] Salt { get; }

    /// <summary>The cost it was derived with.</summary>
    public KdfParameters Kdf { get; }

    /// <summary>A key for a new vault: a new random salt.</summary>
    public static VaultKey CreateNew(string passphrase, KdfParameters kdf) =>
        Derive(passphrase, RandomNumberGenerator.GetBytes(VaultHeader.SaltLength), kdf);

    /// <summary>The key of an existing vault's salt and cost.</summary>
    public static VaultKey Derive(string passphrase, byte[] salt, KdfParameters kdf)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        ArgumentNullException.ThrowIfNull(salt);
        var password = Encoding.UTF8.GetBytes(passphrase.Normalize(NormalizationForm.FormC));
        try
        {
            return new VaultKey(Argon2idKdf.Derive(password, salt, kdf, Length), (byte[])salt.Clone(), kdf);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }
    }

    /// <summary>Whether this key belongs to a vault with this header's salt and cost.</summary>
    public bool Fits(VaultHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return header.Kdf == Kdf && CryptographicOperations.FixedTimeEquals(header.Salt, Salt);
    }

    internal AesGcm Cipher() => new(_key, VaultHeader.TagLength);

    public void Dispose() => CryptographicOperations.ZeroMemory(_key);
}
