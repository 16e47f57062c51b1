using System.Text;

namespace ShLogin.Configuration;

/// <summary>
/// Everything the SH_LOGIN_* variables and the <c>start</c> flags configure, validated by
/// <see cref="SettingsReader"/>. <see langword="null"/> means "not configured: choose at start-up"
/// (a random port, a unix socket, a new token or TOTP secret, a new runtime directory).
/// </summary>
public sealed record ShLoginSettings
{
    /// <summary>The default bind address of nginx.</summary>
    public const string DefaultBind = "127.0.0.1";

    /// <summary>Lowest port drawn for nginx when none is configured.</summary>
    public const int RandomNginxPortMin = 9000;

    /// <summary>Highest port drawn for nginx when none is configured.</summary>
    public const int RandomNginxPortMax = 64499;

    /// <summary>The default absolute session lifetime.</summary>
    public static readonly TimeSpan DefaultSessionTtl = TimeSpan.FromHours(12);

    /// <summary>What a browser must prove.</summary>
    public AuthMode Mode { get; init; } = AuthMode.Token;

    /// <summary>The configured startup token; <see langword="null"/>: generate one.</summary>
    public string? Token { get; init; }

    /// <summary>The configured TOTP key; <see langword="null"/>: generate one (and show its QR).</summary>
    public byte[]? TotpSecret { get; init; }

    /// <summary>Where <see cref="TotpSecret"/> came from; <see langword="null"/> when it is not configured.</summary>
    public TotpSecretSource? TotpSecretSource { get; init; }

    /// <summary>Public nginx port; <see langword="null"/>: a random free port in 9000-64499.</summary>
    public int? NginxPort { get; init; }

    /// <summary>Address nginx listens on: an IP address (IPv6 without brackets) or <c>localhost</c>.</summary>
    public string Bind { get; init; } = DefaultBind;

    /// <summary>Hidden app port; <see langword="null"/>: a unix socket if the app supports one, else a random loopback port.</summary>
    public int? AppPort { get; init; }

    /// <summary>
    /// <c>SH_LOGIN_PORT=socket</c>: the app listens on the runtime directory's unix socket, which it
    /// finds in SH_LOGIN_SOCKET (for commands; the presets that can, do so anyway).
    /// </summary>
    public bool AppOnSocket { get; init; }

    /// <summary>The value of <c>SH_LOGIN_PORT</c> (and <c>--port</c>) that sets <see cref="AppOnSocket"/>.</summary>
    public const string AppSocketValue = "socket";

    /// <summary>Login service port; <see langword="null"/>: a unix socket.</summary>
    public int? AuthPort { get; init; }

    /// <summary>Runtime directory (absolute); <see langword="null"/>: create a new 0700 one under $TMPDIR.</summary>
    public string? TmpDir { get; init; }

    /// <summary>Where a runtime directory is generated when <see cref="TmpDir"/> is not set: <c>$TMPDIR</c>, else <c>/tmp</c>.</summary>
    public string TemporaryRoot { get; init; } = DefaultTemporaryRoot;

    /// <summary>The parent of a generated runtime directory when TMPDIR is not set.</summary>
    public const string DefaultTemporaryRoot = "/tmp";

    /// <summary>Workload as a shell command line (<c>SH_LOGIN_CMD</c>, <c>--cmd</c>).</summary>
    public string? Command { get; init; }

    /// <summary>Workload as a program and its arguments, run without a shell (the words after <c>--</c>).</summary>
    public IReadOnlyList<string> CommandArguments { get; init; } = [];

    /// <summary>Preset workload.</summary>
    public AppPreset? App { get; init; }

    /// <summary>Absolute session lifetime.</summary>
    public TimeSpan SessionTtl { get; init; } = DefaultSessionTtl;

    /// <summary>Cookie Domain attribute (lower case); <see langword="null"/>: host-only cookie.</summary>
    public string? CookieDomain { get; init; }

    /// <summary>When the session cookie is Secure.</summary>
    public SecureCookieMode SecureCookie { get; init; } = SecureCookieMode.Auto;

    /// <summary>What serves the public port: nginx, the built-in proxy, or nginx when it is installed.</summary>
    public ProxyMode Proxy { get; init; } = ProxyMode.Auto;

    /// <summary>The mode asks for the startup token.</summary>
    public bool RequiresToken => Mode is AuthMode.Token or AuthMode.TokenAndTotp;

    /// <summary>The mode asks for a TOTP code.</summary>
    public bool RequiresTotp => Mode is AuthMode.Totp or AuthMode.TokenAndTotp;

    // Settings get logged; the secrets must not be.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Mode = ").Append(Mode)
            .Append(", Token = ").Append(Token is null ? "(generate)" : "(hidden)")
            .Append(", TotpSecret = ").Append(TotpSecret is null ? "(generate)" : "(hidden)")
            .Append(", TotpSecretSource = ").Append(TotpSecretSource?.Describe())
            .Append(", NginxPort = ").Append(NginxPort)
            .Append(", Bind = ").Append(Bind)
            .Append(", AppPort = ").Append(AppPort)
            .Append(", AppOnSocket = ").Append(AppOnSocket)
            .Append(", AuthPort = ").Append(AuthPort)
            .Append(", TmpDir = ").Append(TmpDir)
            .Append(", TemporaryRoot = ").Append(TemporaryRoot)
            .Append(", Command = ").Append(Command)
            .Append(", CommandArguments = [").AppendJoin(' ', CommandArguments).Append(']')
            .Append(", App = ").Append(App)
            .Append(", SessionTtl = ").Append(SessionTtl)
            .Append(", CookieDomain = ").Append(CookieDomain)
            .Append(", SecureCookie = ").Append(SecureCookie)
            .Append(", Proxy = ").Append(Proxy);
        return true;
    }
}
