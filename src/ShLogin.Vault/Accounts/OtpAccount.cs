using ShLogin.Secrets;

namespace ShLogin.Vault.Accounts;

/// <summary>One TOTP account of the user's: its name in the vault, its issuer, its secret and parameters.</summary>
public sealed record OtpAccount
{
    /// <summary>The longest name or issuer accepted.</summary>
    public const int MaxNameLength = 128;

    /// <summary>The longest secret accepted, in bytes (RFC 4226 asks for 16-64; some services use 10).</summary>
    public const int MaxSecretBytes = 128;

    /// <summary>What a name must be, for messages.</summary>
    public const string NameAccepted = $"1-128 characters, no control characters, not starting or ending with a space";

    /// <summary>The name the user gives it (unique in the vault, compared ignoring case).</summary>
    public required string Name { get; init; }

    /// <summary>The service that issued it, or empty.</summary>
    public string Issuer { get; init; } = string.Empty;

    /// <summary>The shared secret (the key of RFC 6238).</summary>
    public required byte[] Secret { get; init; }

    /// <summary>Algorithm, digits and period.</summary>
    public TotpParameters Parameters { get; init; } = TotpParameters.Default;

    /// <summary>Whether <paramref name="name"/> is a name an account may have.</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrWhiteSpace(name)
        && name.Length <= MaxNameLength
        && !name.Any(char.IsControl)
        && name.Trim() == name;

    /// <summary>Whether <paramref name="issuer"/> is an issuer an account may have (empty is allowed).</summary>
    public static bool IsValidIssuer(string? issuer) =>
        issuer is not null && (issuer.Length == 0 || IsValidName(issuer));

    /// <summary>The code at <paramref name="time"/>.</summary>
    public string CodeAt(DateTimeOffset time) => new Totp(Secret, Parameters).ComputeAt(time);

    /// <summary>Seconds from <paramref name="time"/> until the code changes.</summary>
    public int SecondsLeftAt(DateTimeOffset time)
    {
        var period = Parameters.PeriodSeconds;
        var into = (int)(((time.ToUnixTimeSeconds() % period) + period) % period);
        return period - into;
    }

    /// <summary>The otpauth URI of this account, for another authenticator.</summary>
    public string ToUri()
    {
        var (issuer, account) = Issuer.Length > 0 ? (Issuer, Name) : (Name, Name);
        return OtpAuthUri.Build(Secret, issuer, account, Parameters);
    }

    /// <summary>Equality by content, the secret included (records compare arrays by reference).</summary>
    public bool SameAs(OtpAccount other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Name == other.Name && Issuer == other.Issuer && Parameters == other.Parameters && Secret.AsSpan().SequenceEqual(other.Secret);
    }
}
