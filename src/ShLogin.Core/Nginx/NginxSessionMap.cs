using System.Text;

namespace ShLogin.Nginx;

/// <summary>
/// The text of the file nginx includes in its session <c>map</c>: one line <c>KEY USER;</c> per
/// valid session, so that nginx can let a request through with one hash lookup. The file is a
/// list of bearer keys: it lives in the private runtime directory, mode 0600.
/// </summary>
/// <remarks>
/// Only keys of exactly <see cref="KeyLength"/> lowercase hex digits and user names of a small
/// alphabet are ever written: nothing a browser sends can reach this file, and no entry can be
/// read by nginx as syntax (<c>;</c>, quotes, spaces, newlines), as a regular expression
/// (<c>~</c>) or as a map keyword (<c>default</c>, <c>include</c>, <c>hostnames</c>, <c>volatile</c>).
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

    /// <summary>Renders the map entries, one per line; an empty list gives a file with only a comment.</summary>
    /// <exception cref="ArgumentException">A key or user name is not of the accepted form; nothing is rendered.</exception>
    public static string Render(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var text = new StringBuilder("# Written by the ShLogin login service: the sessions nginx lets through. Do not edit.\n");
        foreach (var (key, user) in entries)
        {
            if (!IsValidKey(key))
            {
                throw new ArgumentException($"A session map key must be {KeyLength} lowercase hex digits.", nameof(entries));
            }

            if (!IsValidUser(user))
            {
                throw new ArgumentException($"A session map user must be 1 to {MaxUserLength} letters, digits, '-' or '_'.", nameof(entries));
            }

            text.Append(key).Append(' ').Append(user).Append(";\n");
        }

        return text.ToString();
    }
}
