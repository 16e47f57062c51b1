namespace ShLogin.Configuration;

/// <summary>Where a configured TOTP secret was read from.</summary>
public enum TotpSecretOrigin
{
    /// <summary>The <c>SH_LOGIN_TOTP_SECRET</c> variable.</summary>
    EnvironmentVariable,

    /// <summary>The file named by <c>SH_LOGIN_TOTP_SECRET_FILE</c> or <c>--totp-secret-file</c>.</summary>
    SecretFile,

    /// <summary>The <c>.totp_secret</c> file in the working directory.</summary>
    WorkingDirectoryFile,
}
