using ShLogin.Nginx;

namespace ShLogin.Stack;

/// <summary>How to run the protected app and how nginx reaches it.</summary>
public sealed record WorkloadSpec
{
    /// <summary>What the banner calls it (e.g. Jupyter Notebook).</summary>
    public required string DisplayName { get; init; }

    /// <summary>What the login page calls it ("Sign in to …"): <see cref="DisplayName"/> unless set.</summary>
    public string PageName
    {
        get => _pageName ?? DisplayName;
        init => _pageName = value;
    }

    private readonly string? _pageName;

    /// <summary>The program.</summary>
    public required string Command { get; init; }

    /// <summary>Its arguments (never secrets).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Extra environment (secrets the app requires may go here: only this user can read a process's environment).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>True when the app listens on the runtime directory's socket; false for a loopback port.</summary>
    public bool UsesUnixSocket { get; init; }

    /// <summary>The loopback port, when not on a socket.</summary>
    public int Port { get; init; }

    /// <summary>The path probed for readiness; null when the app is ready once it runs.</summary>
    public string? HealthPath { get; init; } = "/";

    /// <summary>A header nginx adds to every request so the app accepts it and nothing else on the host.</summary>
    public AppSecretHeader? SecretHeader { get; init; }

    /// <summary>Whether the app could listen on a unix socket instead of its port (see <see cref="ExposureWarning"/>).</summary>
    public bool CanUseUnixSocket { get; init; } = true;

    /// <summary>
    /// True when other users of this host could reach the app directly, past nginx: it listens on a
    /// loopback port (every local user can connect to one) and nginx does not hold a secret the app requires.
    /// </summary>
    public bool ReachableByOtherLocalUsers => !UsesUnixSocket && SecretHeader is null;

    /// <summary>
    /// One line telling the user that the app can be reached around the login (see
    /// <see cref="ReachableByOtherLocalUsers"/>) and what to do about it; null when it cannot.
    /// </summary>
    public string? ExposureWarning => ReachableByOtherLocalUsers
        ? $"warning: the app ({DisplayName}) listens on 127.0.0.1:{Port.ToString(System.Globalization.CultureInfo.InvariantCulture)} with no login of its own: "
            + "other users of this host can reach it there without signing in. "
            + (CanUseUnixSocket
                ? "On a shared machine, put it on a unix socket only you can open: SH_LOGIN_PORT=socket (a command finds the path in SH_LOGIN_SOCKET)."
                : $"{DisplayName} cannot listen on a unix socket: use it on a machine no one else logs in to.")
        : null;
}
