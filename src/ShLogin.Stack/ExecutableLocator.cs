namespace ShLogin.Stack;

/// <summary>Finds a program the way a shell does, so a missing one is reported before anything starts.</summary>
public static class ExecutableLocator
{
    /// <summary>
    /// The full path of <paramref name="command"/>: itself when it contains a slash, else the first
    /// executable file of that name on <paramref name="searchPath"/> (PATH by default); null when none.
    /// </summary>
    public static string? Find(string command, string? searchPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        if (command.Contains('/', StringComparison.Ordinal))
        {
            return IsExecutableFile(command) ? Path.GetFullPath(command) : null;
        }

        searchPath ??= Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var directory in searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, command);
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutableFile(string path)
    {
        try
        {
            return File.Exists(path)
                && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
