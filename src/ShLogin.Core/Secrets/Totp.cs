namespace ShLogin.Secrets;

/// <summary>Time-based one-time passwords (RFC 6238) for one secret.</summary>
public sealed class Totp
{
    private readonly byte[] _key;

    /// <summary>A generator for a secret key.</summary>
    /// <param name="key">The shared secret (RFC 4226 asks for at least 128 bits).</param>
    /// <param name="parameters">Hash, digits and period; <see cref="TotpParameters.Default"/> when null.</param>
    public Totp(byte[] key, TotpParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new ArgumentException("The TOTP key is empty.", nameof(key));
        }

        _key = (byte[])key.Clone();
        Parameters = parameters ?? TotpParameters.Default;
    }

    /// <summary>Hash, digits and period.</summary>
    public TotpParameters Parameters { get; }

    /// <summary>The time step T of RFC 6238 §4.2 that contains <paramref name="time"/> (T0 = Unix epoch).</summary>
    public long StepAt(DateTimeOffset time) => Math.DivRem(time.ToUnixTimeSeconds(), Parameters.PeriodSeconds, out var remainder) - (remainder < 0 ? 1 : 0);

    /// <summary>The code valid at <paramref name="time"/>.</summary>
    public string ComputeAt(DateTimeOffset time) => ComputeForStep(StepAt(time));

    /// <summary>The code of a time step.</summary>
    public string ComputeForStep(long step) => Hotp.Compute(_key, step, Parameters.Digits, Parameters.Algorithm);
}
