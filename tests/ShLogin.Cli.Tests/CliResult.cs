namespace ShLogin.Cli.Tests;

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The run failed as a usage error: exit code 2, one line on stderr, nothing on stdout.</summary>
    public string SingleUsageError()
    {
        Assert.Equal(2, ExitCode);
        Assert.Equal(string.Empty, Output);
        var line = Assert.Single(ErrorLines);
        Assert.StartsWith("sh-login: ", line, StringComparison.Ordinal);
        return line;
    }
}
