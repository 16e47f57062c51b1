namespace ShLogin.Configuration;

/// <summary>
/// The flags of <c>sh-login start</c> that set the same values as the SH_LOGIN_* variables.
/// Error messages name a setting by these, so the command must define its options with them.
/// </summary>
public static class StartFlagNames
{
    public const string Token = "--token";
    public const string Mode = "--mode";
    public const string TotpSecretFile = "--totp-secret-file";
    public const string Nginx = "--nginx";
    public const string Bind = "--bind";
    public const string Port = "--port";
    public const string AuthPort = "--auth-port";

    /// <summary>The old name of <see cref="AuthPort"/>, still accepted.</summary>
    public const string Flask = "--flask";

    public const string TmpDir = "--tmpdir";
    public const string Cmd = "--cmd";
    public const string App = "--app";

    /// <summary>The preset when neither a preset nor a command is chosen (images set it; the user's choice wins).</summary>
    public const string DefaultApp = "--default-app";
    public const string SessionTtl = "--session-ttl";
    public const string CookieDomain = "--cookie-domain";
    public const string SecureCookie = "--secure-cookie";
    public const string Proxy = "--proxy";
}
