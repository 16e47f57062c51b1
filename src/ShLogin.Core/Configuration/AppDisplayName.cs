namespace ShLogin.Configuration;

/// <summary>The protected app's name as the login page shows it (<c>SH_LOGIN_APP_NAME</c>, <c>serve --app-name</c>).</summary>
public static class AppDisplayName
{
    /// <summary>The longest accepted name.</summary>
    public const int MaxLength = 80;

    /// <summary>Whether <paramref name="name"/> can be shown: 1 to <see cref="MaxLength"/> characters, not only spaces, no control characters.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= MaxLength && !name.Any(char.IsControl);

    /// <summary>The trimmed name.</summary>
    /// <exception cref="ConfigurationException">It cannot be shown.</exception>
    public static string Parse(string setting, string value) => IsValid(value)
        ? value.Trim()
        : throw new ConfigurationException(setting, value, $"a name of 1-{MaxLength} characters without control characters");

    /// <summary>A name for a command: its program's file name (e.g. <c>python3</c> for <c>/usr/bin/python3 app.py</c>), cut to fit.</summary>
    public static string ForProgram(string program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var name = new string(Path.GetFileName(program).Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? "the app" : name.Length <= MaxLength ? name : name[..MaxLength];
    }
}
