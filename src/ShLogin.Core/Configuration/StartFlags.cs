namespace ShLogin.Configuration;

/// <summary>
/// The values given as flags to <c>sh-login start</c>, unparsed: <see cref="SettingsReader"/>
/// validates them together with the environment, and a flag wins over its variable.
/// <see langword="null"/> means the flag was not given.
/// </summary>
public sealed record StartFlags
{
    /// <summary>No flags given (e.g. for <c>sh-login serve</c>).</summary>
    public static StartFlags None { get; } = new();

    /// <summary><c>--token</c>. Accepted for compatibility; the environment keeps it out of <c>/proc/*/cmdline</c>.</summary>
    public string? Token { get; init; }

    /// <summary><c>--mode</c>.</summary>
    public string? Mode { get; init; }

    /// <summary><c>--totp-secret-file</c>. There is deliberately no flag for the secret itself.</summary>
    public string? TotpSecretFile { get; init; }

    /// <summary><c>--nginx</c>.</summary>
    public string? Nginx { get; init; }

    /// <summary><c>--bind</c>.</summary>
    public string? Bind { get; init; }

    /// <summary><c>--port</c>.</summary>
    public string? Port { get; init; }

    /// <summary><c>--auth-port</c> or its old name <c>--flask</c>.</summary>
    public string? AuthPort { get; init; }

    /// <summary><c>--tmpdir</c>.</summary>
    public string? TmpDir { get; init; }

    /// <summary><c>--cmd</c>: a shell command line.</summary>
    public string? Cmd { get; init; }

    /// <summary>The words after <c>--</c>: the workload command and its arguments, run without a shell.</summary>
    public IReadOnlyList<string> CommandArguments { get; init; } = [];

    /// <summary><c>--app</c>.</summary>
    public string? App { get; init; }

    /// <summary>
    /// <c>--default-app</c>: the preset run when neither <c>SH_LOGIN_APP</c>/<c>--app</c> nor a
    /// command is given. A container image sets it in its entrypoint, so that a user's
    /// <c>SH_LOGIN_CMD</c> replaces the image's app instead of clashing with it.
    /// </summary>
    public string? DefaultApp { get; init; }

    /// <summary><c>--session-ttl</c>.</summary>
    public string? SessionTtl { get; init; }

    /// <summary><c>--cookie-domain</c>.</summary>
    public string? CookieDomain { get; init; }

    /// <summary><c>--secure-cookie</c>.</summary>
    public string? SecureCookie { get; init; }

    /// <summary><c>--proxy</c>.</summary>
    public string? Proxy { get; init; }
}
