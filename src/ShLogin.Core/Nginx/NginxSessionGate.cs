namespace ShLogin.Nginx;

/// <summary>
/// nginx's own list of valid sessions: a directory holding one empty file per session, named by
/// the session's gate cookie (see <see cref="NginxSessionMap"/>). nginx tests for the file named
/// by a well-formed gate cookie on every request (one <c>stat</c>), so the login service lists
/// and unlists sessions without reloading nginx. A listed request reaches the app at once; every
/// other request is asked of the login service through <c>auth_request</c>, as without the gate.
/// </summary>
public sealed record NginxSessionGate
{
    /// <summary>
    /// How soon a logout or an expiry takes effect in nginx, at most: the login service removes the
    /// session's file before it answers the logout (or when the session ends), and nginx checks the
    /// file on every request, so only requests already in progress outlive it.
    /// </summary>
    public static readonly TimeSpan RevocationBound = TimeSpan.FromSeconds(1);

    /// <summary>Creates the gate.</summary>
    /// <param name="directory">The absolute path of the directory of session files (see <see cref="NginxSessionGateDirectory"/>).</param>
    /// <param name="cookieName">The gate cookie: letters, digits and '_' only, as nginx names it in <c>$cookie_NAME</c>.</param>
    /// <param name="user">The user name nginx reports for a listed session (see <see cref="NginxSessionMap.IsValidUser"/>).</param>
    /// <exception cref="ArgumentException">The path, the name or the user cannot be written into nginx's config.</exception>
    public NginxSessionGate(string directory, string cookieName, string user)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(cookieName);
        ArgumentNullException.ThrowIfNull(user);
        if (!directory.StartsWith('/'))
        {
            throw new ArgumentException($"Session gate directory {Printable.Of(directory)} must be an absolute path.", nameof(directory));
        }

        NginxValue.EnsureSafe(directory, $"Session gate directory {Printable.Of(directory)}");
        if (!IsNginxCookieName(cookieName))
        {
            throw new ArgumentException($"Gate cookie name {Printable.Of(cookieName)} must be 1 to 64 letters, digits or '_'.", nameof(cookieName));
        }

        if (!NginxSessionMap.IsValidUser(user))
        {
            throw new ArgumentException($"Gate user {Printable.Of(user)} must be 1 to {NginxSessionMap.MaxUserLength} letters, digits, '-' or '_'.", nameof(user));
        }

        Directory = directory.TrimEnd('/');
        CookieName = cookieName;
        User = user;
    }

    /// <summary>The directory of session files nginx tests.</summary>
    public string Directory { get; }

    /// <summary>The gate cookie nginx looks up.</summary>
    public string CookieName { get; }

    /// <summary>The user nginx reports to the app for a listed session.</summary>
    public string User { get; }

    /// <summary>True when nginx can read a cookie of this name as <c>$cookie_NAME</c>.</summary>
    public static bool IsNginxCookieName(string? name) =>
        name is { Length: > 0 and <= 64 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
