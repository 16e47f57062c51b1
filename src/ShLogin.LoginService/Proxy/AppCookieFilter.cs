using System.Text;
using Microsoft.Extensions.Primitives;

namespace ShLogin.LoginService.Proxy;

/// <summary>
/// The <c>Cookie</c> header the app receives: the browser's, without the login service's cookies
/// (matched by name, ignoring case and spaces around it, as nginx's cookie maps do). Every other
/// pair stays as the browser sent it, in order, with its separators. This runs on every request
/// the built-in proxy forwards, so a header that loses nothing, or keeps nothing, is answered
/// without building a new string.
/// </summary>
internal static class AppCookieFilter
{
    /// <summary>The app's cookies from <paramref name="cookieHeaders"/>, or null when none is left.</summary>
    public static string? Filter(StringValues cookieHeaders, IReadOnlyList<string> loginServiceCookies)
    {
        if (cookieHeaders.Count == 1)
        {
            return FilterHeader(cookieHeaders[0], loginServiceCookies);
        }

        List<string>? kept = null;
        foreach (var header in cookieHeaders)
        {
            if (FilterHeader(header, loginServiceCookies) is { } rest)
            {
                (kept ??= []).Add(rest);
            }
        }

        return kept is null ? null : string.Join("; ", kept);
    }

    /// <summary>One header without the login service's pairs, white space at its start trimmed; null when nothing but white space is left.</summary>
    private static string? FilterHeader(string? header, IReadOnlyList<string> names)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        var removed = false;
        var kept = 0;
        var keptText = false;
        foreach (var range in header.AsSpan().Split(';'))
        {
            var pair = header.AsSpan(range);
            if (IsLoginServiceCookie(pair, names))
            {
                removed = true;
            }
            else
            {
                kept++;
                keptText |= !pair.IsWhiteSpace();
            }
        }

        // What is left is the kept pairs joined by ';': blank only when it is one pair of white space, or none.
        if (kept == 0 || (kept == 1 && !keptText))
        {
            return null;
        }

        if (!removed)
        {
            return header.TrimStart();
        }

        var rest = new StringBuilder(header.Length);
        var first = true;
        foreach (var range in header.AsSpan().Split(';'))
        {
            var pair = header.AsSpan(range);
            if (!IsLoginServiceCookie(pair, names))
            {
                if (!first)
                {
                    rest.Append(';');
                }

                rest.Append(pair);
                first = false;
            }
        }

        return rest.ToString().TrimStart();
    }

    private static bool IsLoginServiceCookie(ReadOnlySpan<char> pair, IReadOnlyList<string> names)
    {
        var equals = pair.IndexOf('=');
        if (equals < 0)
        {
            return false;
        }

        var name = pair[..equals].Trim();
        foreach (var candidate in names)
        {
            if (name.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
