using ShLogin.Configuration;
using ShLogin.Secrets;

namespace ShLogin.Stack;

/// <summary>The token and TOTP secret a stack runs with, configured or generated now.</summary>
public sealed record StackSecrets
{
    /// <summary>The startup token, in token modes.</summary>
    public string? Token { get; init; }

    /// <summary>The TOTP key, in TOTP modes.</summary>
    public byte[]? TotpKey { get; init; }

    /// <summary>True when the TOTP key was generated now and so must be shown for enrolment.</summary>
    public bool TotpKeyGenerated { get; init; }

    /// <summary>The configured secrets, with what is missing generated from the CSPRNG.</summary>
    public static StackSecrets From(ShLoginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var token = settings.RequiresToken ? settings.Token ?? SecretTokens.NewToken() : null;
        var key = settings.RequiresTotp ? settings.TotpSecret ?? SecretTokens.NewTotpKey() : null;
        return new StackSecrets
        {
            Token = token,
            TotpKey = key,
            TotpKeyGenerated = settings.RequiresTotp && settings.TotpSecret is null,
        };
    }

    /// <summary>The otpauth URI of the TOTP key for an authenticator app.</summary>
    public string? OtpAuthUri(string account) =>
        TotpKey is null ? null : Secrets.OtpAuthUri.Build(TotpKey, "ShLogin", account, TotpParameters.Default);

    /// <summary>Never print secrets by accident.</summary>
    public override string ToString() => "StackSecrets { (hidden) }";
}
