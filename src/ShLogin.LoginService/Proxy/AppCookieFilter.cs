using Microsoft.Extensions.Primitives;

namespace ShLogin.LoginService.Proxy;

/// <summary>
/// The <c>Cookie</c> header the app receives: the browser's, without the login service's cookies
/// (matched by name, ignoring case and spaces around it, as nginx's cookie maps do). Every other
/// pair stays as the browser sent it, in order, with its separators.
/// </summary>
internal static class AppCookieFilter
{
    /// <summary>The app's cookies from <paramref name="cookieHeaders"/>, or null when none is left.</summary>
    public static string? Filter(StringValues cookieHeaders, IReadOnlyList<string> loginServiceCookies)
    {
        List<string>? kept = null;
        foreach (var header in cookieHeaders)
        {
            if (string.IsNullOrEmpty(header))
            {
                continue;
            }

            var pairs = new List<string>();
            foreach (var pair in header.Split(';'))
            {
                if (!IsLoginServiceCookie(pair, loginServiceCookies))
                {
                    pairs.Add(pair);
                }
            }

            var rest = string.Join(';', pairs).TrimStart();
            if (rest.Trim().Length > 0)
            {
                (kept ??= []).Add(rest);
            }
        }

        return kept is null ? null : string.Join("; ", kept);
    }

    private static bool IsLoginServiceCookie(string pair, IReadOnlyList<string> names)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return false;
        }

        var name = pair.AsSpan(0, equals).Trim();
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
