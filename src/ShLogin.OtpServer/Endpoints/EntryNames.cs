namespace ShLogin.OtpServer.Endpoints;

/// <summary>
/// What names and realms may be: 1–128 of ASCII letters, digits and <c>. _ - @ +</c>. No other
/// characters, so that no look-alike (a Unicode hyphen in "ungleich‐admin", a zero-width space,
/// another normalisation form) can ever stand for another entry or a reserved realm.
/// </summary>
public static class EntryNames
{
    /// <summary>Longest name or realm.</summary>
    public const int MaxLength = 128;

    /// <summary>Longest username.</summary>
    public const int MaxUsernameLength = 150;

    /// <summary>The rule, for messages.</summary>
    public const string Accepted = "1 to 128 of A-Z a-z 0-9 . _ - @ +";

    /// <summary>Whether <paramref name="value"/> is a valid name or realm.</summary>
    public static bool IsValid(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length is > 0 and <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '+');
    }

    /// <summary><paramref name="value"/> of the field <paramref name="field"/>, checked.</summary>
    public static string Require(string field, string value) =>
        IsValid(value) ? value : throw new RequestFieldException($"field '{field}': {Accepted}");

    /// <summary>A username: free text, but no control or invisible formatting characters, at most 150.</summary>
    public static string RequireUsername(string field, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > MaxUsernameLength || value.Any(c => char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
        {
            throw new RequestFieldException($"field '{field}': at most {MaxUsernameLength} characters, without control or formatting characters");
        }

        return value;
    }
}
