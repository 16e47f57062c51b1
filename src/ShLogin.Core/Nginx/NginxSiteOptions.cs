using System.Text.RegularExpressions;

namespace ShLogin.Nginx;

/// <summary>
/// Everything that shapes the nginx <c>server</c> in front of an app: where it listens, the login
/// service that decides each request, and the app it protects.
/// </summary>
public sealed partial record NginxSiteOptions
{
    /// <summary>Where browsers connect.</summary>
    public required ListenEndpoint Listen { get; init; }

    /// <summary>
    /// nginx <c>server_name</c>: one or more space-separated names such as <c>jupyter.example.org</c>
    /// or <c>*.example.org</c>; null leaves it out (the server answers any host on its port).
    /// </summary>
    public string? ServerName
    {
        get;
        init => field = value is null ? null : ValidateServerName(value);
    }

    /// <summary>The login service (the <c>/auth/</c> endpoints).</summary>
    public required Upstream AuthUpstream { get; init; }

    /// <summary>The protected app.</summary>
    public required Upstream AppUpstream { get; init; }

    /// <summary>
    /// A file that must exist for nginx to forward a request to the app; without it nginx answers
    /// 503 and connects to nothing. nginx looks for it on every request (one stat), so removing it
    /// takes effect at once, without a reload: the way to stop forwarding to a loopback port the
    /// moment the app exits, before anyone else can take the port over. Null forwards always.
    /// </summary>
    public string? AppAvailableFile { get; init; }

    /// <summary>An internal secret nginx sends to the app (for apps on a loopback port); null for none.</summary>
    public AppSecretHeader? AppSecretHeader { get; init; }

    /// <summary>
    /// Refuse (403) a WebSocket upgrade whose <c>Origin</c> names another host than <c>Host</c>.
    /// Meant for apps on a loopback port that trust the injected secret instead of checking origins.
    /// </summary>
    public bool CheckWebSocketOrigin { get; init; }

    /// <summary>
    /// nginx's own list of valid sessions, kept up to date by the login service; null asks the
    /// login service about every app request (the snippet for a self-run nginx does).
    /// </summary>
    public NginxSessionGate? SessionGate { get; init; }

    private static string ValidateServerName(string value)
    {
        var names = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0 || names.Any(name => !ServerNamePattern().IsMatch(name)))
        {
            throw new ArgumentException(
                $"{Printable.Of(value)} is not a valid server name: use host names such as example.org or *.example.org, separated by spaces.");
        }

        return string.Join(' ', names);
    }

    [GeneratedRegex(@"^(\*\.)?[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*(\.\*)?\z")]
    private static partial Regex ServerNamePattern();
}
