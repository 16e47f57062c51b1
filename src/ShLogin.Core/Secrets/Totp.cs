using OtpNet;

namespace ShLogin.Secrets;

/// <summary>
/// TOTP (RFC 6238) for one key and its parameters, computed by Otp.NET. Steps are counted
/// from the Unix epoch in periods of <see cref="TotpParameters.PeriodSeconds"/>.
/// </summary>
public sealed class Totp
{
    private readonly OtpNet.Totp _totp;

    /// <summary>A TOTP generator for <paramref name="key"/> (copied).</summary>
    public Totp(byte[] key, TotpParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new ArgumentException("The TOTP key is empty.", nameof(key));
        }

        Parameters = parameters ?? TotpParameters.Default;
        _totp = new OtpNet.Totp((byte[])key.Clone(), Parameters.PeriodSeconds, HashMode(Parameters.Algorithm), Parameters.Digits);
    }

    /// <summary>The algorithm, digits and period.</summary>
    public TotpParameters Parameters { get; }

    /// <summary>The time step that <paramref name="time"/> falls in.</summary>
    public long StepAt(DateTimeOffset time) => Math.DivRem(time.ToUnixTimeSeconds(), Parameters.PeriodSeconds, out var remainder) - (remainder < 0 ? 1 : 0);

    /// <summary>The code valid at <paramref name="time"/>.</summary>
    public string ComputeAt(DateTimeOffset time) => _totp.ComputeTotp(time.UtcDateTime);

    /// <summary>The code of time step <paramref name="step"/>.</summary>
    public string ComputeForStep(long step) => ComputeAt(StartOf(step));

    /// <summary>
    /// Whether <paramref name="code"/> is the code of a step within <paramref name="window"/> steps
    /// of <paramref name="time"/>'s, and which (the earliest that matches).
    /// </summary>
    public bool Matches(string code, DateTimeOffset time, int window, out long step) =>
        _totp.VerifyTotp(time.UtcDateTime, code, out step, new VerificationWindow(window, window));

    internal static OtpHashMode HashMode(OtpAlgorithm algorithm) => algorithm switch
    {
        OtpAlgorithm.Sha1 => OtpHashMode.Sha1,
        OtpAlgorithm.Sha256 => OtpHashMode.Sha256,
        OtpAlgorithm.Sha512 => OtpHashMode.Sha512,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    private DateTimeOffset StartOf(long step) => DateTimeOffset.FromUnixTimeSeconds(step * Parameters.PeriodSeconds);
}
