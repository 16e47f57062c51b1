namespace ShLogin.Vault.Format;

/// <summary>Argon2id's cost parameters, as stored in a vault's header.</summary>
/// <param name="MemoryKiB">Memory in KiB (RFC 9106's m).</param>
/// <param name="Iterations">Passes over the memory (t).</param>
/// <param name="Parallelism">Lanes (p).</param>
public sealed record KdfParameters(int MemoryKiB, int Iterations, int Parallelism)
{
    /// <summary>The largest memory a vault may ask for (1 GiB): a tampered header cannot exhaust the machine.</summary>
    public const int MaxMemoryKiB = 1024 * 1024;

    /// <summary>The most passes a vault may ask for.</summary>
    public const int MaxIterations = 64;

    /// <summary>The most lanes a vault may ask for.</summary>
    public const int MaxParallelism = 16;

    /// <summary>RFC 9106's second recommended option: 64 MiB, 3 passes, 4 lanes.</summary>
    public static KdfParameters Default { get; } = new(64 * 1024, 3, 4);

    /// <summary>What <see cref="IsWithinLimits"/> accepts, for messages.</summary>
    public static string Accepted =>
        $"memory 8*parallelism to {MaxMemoryKiB} KiB, 1-{MaxIterations} iterations, 1-{MaxParallelism} lanes";

    /// <summary>Whether Argon2id accepts these and they are small enough to compute here.</summary>
    public bool IsWithinLimits =>
        Parallelism is >= 1 and <= MaxParallelism
        && Iterations is >= 1 and <= MaxIterations
        && MemoryKiB >= 8 * Parallelism && MemoryKiB <= MaxMemoryKiB;
}
