namespace ShLogin.Nginx;

/// <summary>
/// The form of an entry in nginx's own list of valid sessions (see <see cref="NginxSessionGate"/>):
/// a key of exactly <see cref="KeyLength"/> lowercase hex digits, the name of an empty file in the
/// gate directory, and the user name nginx reports for it.
/// </summary>
/// <remarks>
/// nginx builds the file's path from the browser's gate cookie only after a map accepted the
/// cookie as exactly this form, so no cookie can name a path outside the directory
/// (<c>/</c>, <c>..</c>), and nothing a browser sends is ever written there.
/// </remarks>
public static class NginxSessionMap
{
    /// <summary>Length of a key: 32 hex digits, 128 bits.</summary>
    public const int KeyLength = 32;

    /// <summary>Longest accepted user name.</summary>
    public const int MaxUserLength = 64;

    /// <summary>True when <paramref name="key"/> is exactly <see cref="KeyLength"/> characters of <c>0-9a-f</c>.</summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: KeyLength } && key.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>True when <paramref name="user"/> is 1 to <see cref="MaxUserLength"/> ASCII letters, digits, '-' or '_'.</summary>
    public static bool IsValidUser(string? user) =>
        user is { Length: > 0 and <= MaxUserLength } && user.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
