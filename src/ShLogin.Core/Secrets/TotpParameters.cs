namespace ShLogin.Secrets;

/// <summary>How TOTP codes are made: hash, number of digits and time step (RFC 6238).</summary>
public sealed record TotpParameters
{
    /// <summary>The fewest digits a code may have (RFC 4226 §5.3 requires at least six).</summary>
    public const int MinDigits = 6;

    /// <summary>The most digits a code may have.</summary>
    public const int MaxDigits = 8;

    /// <summary>The longest time step accepted, in seconds.</summary>
    public const int MaxPeriodSeconds = 3600;

    /// <summary>Creates validated parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Digits outside 6–8, or a period outside 1–3600 s.</exception>
    public TotpParameters(OtpAlgorithm algorithm, int digits, int periodSeconds)
    {
        if (!Enum.IsDefined(algorithm))
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "expected SHA1, SHA256 or SHA512");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(digits, MinDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, MaxDigits);
        ArgumentOutOfRangeException.ThrowIfLessThan(periodSeconds, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(periodSeconds, MaxPeriodSeconds);
        Algorithm = algorithm;
        Digits = digits;
        PeriodSeconds = periodSeconds;
    }

    /// <summary>SHA1, 6 digits, 30 seconds: what every authenticator app understands.</summary>
    public static TotpParameters Default { get; } = new(OtpAlgorithm.Sha1, 6, 30);

    /// <summary>The HMAC hash.</summary>
    public OtpAlgorithm Algorithm { get; }

    /// <summary>Digits in a code, 6 to 8.</summary>
    public int Digits { get; }

    /// <summary>Length of a time step in seconds.</summary>
    public int PeriodSeconds { get; }

    /// <summary>Reads <c>SHA1</c>, <c>SHA256</c> or <c>SHA512</c> (any case, dash optional).</summary>
    /// <exception cref="FormatException">Any other text.</exception>
    public static OtpAlgorithm ParseAlgorithm(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant() switch
        {
            "SHA1" => OtpAlgorithm.Sha1,
            "SHA256" => OtpAlgorithm.Sha256,
            "SHA512" => OtpAlgorithm.Sha512,
            _ => throw new FormatException("expected SHA1, SHA256 or SHA512"),
        };
    }

    /// <summary>The name used in otpauth URIs: <c>SHA1</c>, <c>SHA256</c> or <c>SHA512</c>.</summary>
    public static string AlgorithmName(OtpAlgorithm algorithm) => algorithm switch
    {
        OtpAlgorithm.Sha1 => "SHA1",
        OtpAlgorithm.Sha256 => "SHA256",
        OtpAlgorithm.Sha512 => "SHA512",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };
}
