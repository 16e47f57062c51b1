using ShLogin.Configuration;

namespace ShLogin.Cli.Commands.Serve;

/// <summary>
/// Where <c>sh-login serve</c> keeps its Data Protection keys and sessions, so that a restart keeps
/// users signed in: <c>--data-dir</c>, else <c>$XDG_STATE_HOME/sh-login</c>, else
/// <c>~/.local/state/sh-login</c> (the XDG base directory specification's place for state).
/// </summary>
internal static class ServeDataDirectory
{
    public const string Option = "--data-dir";

    public const string DirectoryName = "sh-login";

    public const string StateHomeVariable = "XDG_STATE_HOME";

    public const string HomeVariable = "HOME";

    /// <summary>The absolute data directory.</summary>
    /// <exception cref="ConfigurationException">The <c>--data-dir</c> value is unusable.</exception>
    /// <exception cref="UsageException">No value given and no home directory known.</exception>
    public static string Resolve(string? dataDirOption, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (dataDirOption is not null)
        {
            if (string.IsNullOrWhiteSpace(dataDirOption) || dataDirOption.Any(char.IsControl))
            {
                throw new ConfigurationException(Option, dataDirOption, "a directory path without control characters");
            }

            return context.FullPath(dataDirOption);
        }

        // The specification says relative values are invalid and must be ignored.
        if (context.Variable(StateHomeVariable) is { } stateHome && Path.IsPathFullyQualified(stateHome))
        {
            return Path.Combine(stateHome, DirectoryName);
        }

        if (context.Variable(HomeVariable) is { } home && Path.IsPathFullyQualified(home))
        {
            return Path.Combine(home, ".local", "state", DirectoryName);
        }

        throw new UsageException($"no {Option} given, and neither {StateHomeVariable} nor {HomeVariable} names an absolute directory: give {Option} DIR");
    }
}
