namespace ShLogin.Configuration;

/// <summary>Chooses between a flag and its environment variable.</summary>
internal sealed class SettingValues(IReadOnlyDictionary<string, string?> environment)
{
    /// <summary>
    /// The flag value if the flag was given (even empty: an explicit flag must be valid), else the
    /// variable unless it is unset, empty or only whitespace.
    /// </summary>
    public SettingValue? Pick(string? flagValue, string flagName, string? variable, bool trim = true)
    {
        if (flagValue is not null)
        {
            return new SettingValue(flagName, trim ? flagValue.Trim() : flagValue);
        }

        if (variable is not null
            && environment.TryGetValue(variable, out var value)
            && !string.IsNullOrWhiteSpace(value))
        {
            return new SettingValue(variable, trim ? value.Trim() : value);
        }

        return null;
    }
}
