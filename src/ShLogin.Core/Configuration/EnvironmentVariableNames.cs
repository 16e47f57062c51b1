namespace ShLogin.Configuration;

/// <summary>The SH_LOGIN_* environment variables ShLogin reads or sets.</summary>
public static class EnvironmentVariableNames
{
    public const string Token = "SH_LOGIN_TOKEN";
    public const string Mode = "SH_LOGIN_MODE";
    public const string TotpSecret = "SH_LOGIN_TOTP_SECRET";
    public const string TotpSecretFile = "SH_LOGIN_TOTP_SECRET_FILE";
    public const string Nginx = "SH_LOGIN_NGINX";
    public const string Bind = "SH_LOGIN_BIND";
    public const string Port = "SH_LOGIN_PORT";
    public const string AuthPort = "SH_LOGIN_AUTH_PORT";

    /// <summary>The old name of <see cref="AuthPort"/>, still accepted.</summary>
    public const string FlaskPort = "SH_LOGIN_FLASK_PORT";

    public const string TmpDir = "SH_LOGIN_TMPDIR";
    public const string Cmd = "SH_LOGIN_CMD";
    public const string App = "SH_LOGIN_APP";

    /// <summary>The TOTP vault of <c>sh-login otp</c> (overridden by <c>--vault</c>).</summary>
    public const string OtpVault = "SH_LOGIN_OTP_VAULT";

    /// <summary>A 0600 file holding the TOTP vault's passphrase, instead of a prompt.</summary>
    public const string OtpPassphraseFile = "SH_LOGIN_OTP_PASSPHRASE_FILE";
    public const string SessionTtl = "SH_LOGIN_SESSION_TTL";
    public const string CookieDomain = "SH_LOGIN_COOKIE_DOMAIN";
    public const string SecureCookie = "SH_LOGIN_SECURE_COOKIE";
    public const string Proxy = "SH_LOGIN_PROXY";

    /// <summary>The app's name on the login page ("Sign in to …"); <c>start</c> sets it from the workload unless given.</summary>
    public const string AppName = "SH_LOGIN_APP_NAME";

    /// <summary>Set by ShLogin for a workload that listens on a unix socket.</summary>
    public const string Socket = "SH_LOGIN_SOCKET";

    /// <summary><c>1</c> prints full stack traces of unexpected errors.</summary>
    public const string Debug = "SH_LOGIN_DEBUG";

    /// <summary><c>sh-login otp-server</c>: the file (0600) holding the server key that seals the seeds.</summary>
    public const string OtpServerKeyFile = "SH_LOGIN_OTP_SERVER_KEY_FILE";

    /// <summary><c>sh-login otp-server</c>: a PostgreSQL connection string; set, PostgreSQL replaces SQLite.</summary>
    public const string OtpServerPostgres = "SH_LOGIN_OTP_SERVER_POSTGRES";

    /// <summary><c>sh-login otp-server</c>: a file (0600) holding the PostgreSQL connection string.</summary>
    public const string OtpServerPostgresFile = "SH_LOGIN_OTP_SERVER_POSTGRES_FILE";
}
