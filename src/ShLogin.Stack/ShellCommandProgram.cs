namespace ShLogin.Stack;

/// <summary>
/// Finds the program a simple shell command line runs, so that a typo in <c>SH_LOGIN_CMD</c> is
/// reported before anything starts. Lines with quoting, expansions or control operators in the
/// first word are left to the shell.
/// </summary>
public static class ShellCommandProgram
{
    private static readonly HashSet<string> Builtins = new(StringComparer.Ordinal)
    {
        ".", ":", "[", "alias", "bg", "break", "cd", "command", "continue", "eval", "exec", "exit", "export", "false", "fg",
        "getopts", "hash", "jobs", "kill", "printf", "pwd", "read", "readonly", "return", "set", "shift", "test", "times",
        "trap", "true", "type", "ulimit", "umask", "unalias", "unset", "wait", "echo", "if", "for", "while", "until", "case",
        "{", "(", "!",
    };

    /// <summary>The first program word of <paramref name="commandLine"/> after <c>VAR=value</c> assignments and <c>exec</c>; null when it cannot be told without a shell.</summary>
    public static string? FirstProgram(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var words = commandLine.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var word in words)
        {
            if (word.IndexOfAny(['"', '\'', '$', '`', '\\', ';', '|', '&', '(', ')', '<', '>', '*', '?', '~', '\n']) >= 0)
            {
                return null;
            }

            if (word.Contains('=', StringComparison.Ordinal) || word == "exec")
            {
                continue;
            }

            return word;
        }

        return null;
    }

    /// <summary>True for a shell builtin or keyword, which is no file to look for.</summary>
    public static bool IsBuiltin(string word) => Builtins.Contains(word);
}
