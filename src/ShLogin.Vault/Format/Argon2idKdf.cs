using Konscious.Security.Cryptography;

namespace ShLogin.Vault.Format;

/// <summary>Argon2id (RFC 9106, version 0x13) over Konscious' managed implementation, which needs no native library.</summary>
public static class Argon2idKdf
{
    /// <summary>Derives <paramref name="length"/> bytes from a passphrase.</summary>
    /// <param name="password">The passphrase (P).</param>
    /// <param name="salt">The salt (S), at least 8 bytes.</param>
    /// <param name="parameters">Memory, passes and lanes.</param>
    /// <param name="length">The tag length (T).</param>
    /// <param name="secret">The optional secret value (K).</param>
    /// <param name="associatedData">The optional associated data (X).</param>
    public static byte[] Derive(
        byte[] password, byte[] salt, KdfParameters parameters, int length, byte[]? secret = null, byte[]? associatedData = null)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(parameters);
        if (!parameters.IsWithinLimits)
        {
            throw new ArgumentOutOfRangeException(nameof(parameters), parameters, KdfParameters.Accepted);
        }

        using var argon2 = new Argon2id(password)
        {
            Salt = salt,
            MemorySize = parameters.MemoryKiB,
            Iterations = parameters.Iterations,
            DegreeOfParallelism = parameters.Parallelism,
            KnownSecret = secret,
            AssociatedData = associatedData,
        };
        return argon2.GetBytes(length);
    }
}
