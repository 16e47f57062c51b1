using System.Globalization;

namespace ShLogin.Nginx;

/// <summary>
/// The single gate through which every caller-supplied value enters a generated nginx file.
/// nginx has no escape for <c>$</c> (variable interpolation) and treats <c>;</c>, braces and quotes
/// as syntax, so instead of escaping, values with such characters are refused.
/// </summary>
internal static class NginxValue
{
    private const string ForbiddenCharacters = "\"'\\$;{}";

    /// <summary>Returns <paramref name="value"/> in double quotes, or throws when it cannot be written safely.</summary>
    public static string Quote(string value, string what)
    {
        EnsureSafe(value, what);
        return "\"" + value + "\"";
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="what"/> when the value is unsafe.</summary>
    public static void EnsureSafe(string value, string what)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            throw new ArgumentException($"{what} must not be empty.");
        }

        var problem = FindProblem(value);
        if (problem is not null)
        {
            throw new ArgumentException($"{what} {problem}; it must not contain control characters or any of {ForbiddenCharacters}.");
        }
    }

    /// <summary>Describes the first character nginx would read as syntax, or null when the value is safe.</summary>
    public static string? FindProblem(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return $"contains the control character U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)}";
            }

            if (ForbiddenCharacters.Contains(c, StringComparison.Ordinal))
            {
                return $"contains '{c}'";
            }
        }

        return null;
    }
}
