namespace ShLogin.Nginx;

/// <summary>
/// nginx's own list of valid sessions: a <c>map</c> from the gate cookie to the user, included from
/// a file the login service rewrites (reloading nginx) on every login, logout and expiry. A request
/// whose gate cookie is listed reaches the app with one hash lookup; every other request is asked
/// of the login service through <c>auth_request</c>, as without the gate.
/// </summary>
public sealed record NginxSessionGate
{
    /// <summary>
    /// How soon a logout or an expiry takes effect in nginx, at most: the login service rewrites the
    /// map, signals nginx and waits up to this long for a worker running the new map before it
    /// answers the logout (a reload usually takes a few milliseconds).
    /// </summary>
    public static readonly TimeSpan RevocationBound = TimeSpan.FromSeconds(1);

    /// <summary>Creates the gate.</summary>
    /// <param name="mapFile">The absolute path of the map file (see <see cref="NginxSessionMap"/>).</param>
    /// <param name="cookieName">The gate cookie: letters, digits and '_' only, as nginx names it in <c>$cookie_NAME</c>.</param>
    /// <exception cref="ArgumentException">The path or the name cannot be written into nginx's config.</exception>
    public NginxSessionGate(string mapFile, string cookieName)
    {
        ArgumentNullException.ThrowIfNull(mapFile);
        ArgumentNullException.ThrowIfNull(cookieName);
        if (!mapFile.StartsWith('/'))
        {
            throw new ArgumentException($"Session map file {Printable.Of(mapFile)} must be an absolute path.", nameof(mapFile));
        }

        NginxValue.EnsureSafe(mapFile, $"Session map file {Printable.Of(mapFile)}");
        if (!IsNginxCookieName(cookieName))
        {
            throw new ArgumentException($"Gate cookie name {Printable.Of(cookieName)} must be 1 to 64 letters, digits or '_'.", nameof(cookieName));
        }

        MapFile = mapFile;
        CookieName = cookieName;
    }

    /// <summary>The map file nginx includes.</summary>
    public string MapFile { get; }

    /// <summary>The gate cookie nginx looks up.</summary>
    public string CookieName { get; }

    /// <summary>True when nginx can read a cookie of this name as <c>$cookie_NAME</c>.</summary>
    public static bool IsNginxCookieName(string? name) =>
        name is { Length: > 0 and <= 64 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
