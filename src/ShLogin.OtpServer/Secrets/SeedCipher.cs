using System.Security.Cryptography;
using System.Text;

namespace ShLogin.OtpServer.Secrets;

/// <summary>
/// Seeds at rest: AES-256-GCM under the server key, bound to their entry's id (associated data),
/// so a seed copied onto another row does not decrypt. Stored as nonce ‖ ciphertext ‖ tag.
/// </summary>
public sealed class SeedCipher
{
    /// <summary>Bytes of the server key.</summary>
    public const int KeyBytes = 32;

    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[] _key;

    /// <summary>A cipher under <paramref name="key"/> (32 bytes).</summary>
    public SeedCipher(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != KeyBytes)
        {
            throw new ArgumentException($"the server key must be {KeyBytes} bytes", nameof(key));
        }

        _key = (byte[])key.Clone();
    }

    /// <summary>Encrypts <paramref name="seed"/> for the entry <paramref name="entryId"/>.</summary>
    public byte[] Encrypt(Guid entryId, byte[] seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var sealedSeed = new byte[NonceBytes + seed.Length + TagBytes];
        var nonce = sealedSeed.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, seed, sealedSeed.AsSpan(NonceBytes, seed.Length), sealedSeed.AsSpan(NonceBytes + seed.Length), AssociatedData(entryId));
        return sealedSeed;
    }

    /// <summary>The seed of <paramref name="entryId"/>.</summary>
    /// <exception cref="CryptographicException">Another key, another entry's row, or altered bytes.</exception>
    public byte[] Decrypt(Guid entryId, byte[] sealedSeed)
    {
        ArgumentNullException.ThrowIfNull(sealedSeed);
        if (sealedSeed.Length <= NonceBytes + TagBytes)
        {
            throw new CryptographicException("the stored seed is too short");
        }

        var length = sealedSeed.Length - NonceBytes - TagBytes;
        var seed = new byte[length];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Decrypt(
            sealedSeed.AsSpan(0, NonceBytes),
            sealedSeed.AsSpan(NonceBytes, length),
            sealedSeed.AsSpan(NonceBytes + length),
            seed,
            AssociatedData(entryId));
        return seed;
    }

    private static byte[] AssociatedData(Guid entryId) => Encoding.ASCII.GetBytes("sh-login otp-server seed " + entryId.ToString("D"));
}
