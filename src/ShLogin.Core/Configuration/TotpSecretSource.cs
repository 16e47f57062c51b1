namespace ShLogin.Configuration;

/// <summary>Where the configured TOTP secret came from.</summary>
/// <param name="Origin">The kind of source.</param>
/// <param name="FilePath">The full path of the file, for the file origins; otherwise <see langword="null"/>.</param>
public sealed record TotpSecretSource(TotpSecretOrigin Origin, string? FilePath = null)
{
    /// <summary>Describes the source for the banner and warnings, e.g. <c>file /home/u/.totp_secret</c>.</summary>
    public string Describe() => Origin switch
    {
        TotpSecretOrigin.EnvironmentVariable => EnvironmentVariableNames.TotpSecret,
        _ => $"file {FilePath}",
    };
}
