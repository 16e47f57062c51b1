using System.Globalization;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace ShLogin.Demo.Requests;

/// <summary>
/// Hides credentials in the headers the demo app shows. The page is a mirror of the request, and
/// anything on it can be read by scripts, screenshots and shoulder surfers: ShLogin's session
/// cookie is HttpOnly and must stay out of reach, and nginx may inject a secret for the app.
/// Cookie names stay visible, their values do not; credential headers show only their length.
/// </summary>
internal static class HeaderRedaction
{
    private static readonly string[] CredentialHeaders = ["Authorization", "Proxy-Authorization"];

    private static readonly string[] CredentialNameParts = ["secret", "token", "password", "api-key", "apikey"];

    /// <summary>The value to show for header <paramref name="name"/>; several lines are joined by <c>", "</c>.</summary>
    public static string Shown(string name, StringValues values)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.Equals(name, "Cookie", StringComparison.OrdinalIgnoreCase))
        {
            return string.Join("; ", values.Select(CookieNamesOnly).Where(shown => shown.Length > 0));
        }

        var value = string.Join(", ", values.AsEnumerable());
        return IsCredential(name) ? Hidden(value) : value;
    }

    /// <summary>Whether the whole value of header <paramref name="name"/> is hidden.</summary>
    public static bool IsCredential(string name) =>
        CredentialHeaders.Contains(name, StringComparer.OrdinalIgnoreCase)
        || CredentialNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase));

    private static string Hidden(string value) =>
        string.Create(CultureInfo.InvariantCulture, $"(hidden, {value.Length} characters)");

    // Only ';' separates cookies: a ',' may be part of a value. A pair without '=' is a value
    // with an empty name, as browsers read it.
    private static string CookieNamesOnly(string? value)
    {
        var shown = new StringBuilder();
        foreach (var pair in (value ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals >= 0 ? pair[..equals].Trim() : string.Empty;
            if (shown.Length > 0)
            {
                shown.Append("; ");
            }

            shown.Append(name).Append("=(hidden)");
        }

        return shown.ToString();
    }
}
