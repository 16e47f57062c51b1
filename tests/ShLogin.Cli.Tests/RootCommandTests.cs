namespace ShLogin.Cli.Tests;

/// <summary>In-process runs: help names the test host, not sh-login (see <see cref="ExecutableTests"/>).</summary>
public class RootCommandTests
{
    [Fact]
    public async Task Help_lists_the_commands()
    {
        var result = await new CliHarness().RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+totp\s", result.Output);
        Assert.Contains("--version", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Totp_help_lists_its_subcommands()
    {
        var result = await new CliHarness().RunAsync("totp", "--help");

        foreach (var name in new[] { "new", "code", "qr" })
        {
            Assert.Matches($@"(?m)^\s+{name}\s", result.Output);
        }
    }

    [Fact]
    public async Task A_command_group_alone_shows_its_help_and_exit_code_2()
    {
        var root = await new CliHarness().RunAsync();
        var totp = await new CliHarness().RunAsync("totp");

        Assert.Equal(2, root.ExitCode);
        Assert.Contains("Usage:", root.Output, StringComparison.Ordinal);
        Assert.Equal(2, totp.ExitCode);
        Assert.Contains("totp [command] [options]", totp.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_command_is_one_line_and_exit_code_2()
    {
        var result = await new CliHarness().RunAsync("frobnicate");

        Assert.Contains("'frobnicate'", result.SingleUsageError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_option_is_one_line_and_exit_code_2()
    {
        var result = await new CliHarness().RunAsync("totp", "code", "--sekret", "x");

        var line = result.SingleUsageError();
        Assert.Contains("--sekret", line, StringComparison.Ordinal);
        Assert.EndsWith("(see 'sh-login totp code --help')", line, StringComparison.Ordinal);
    }
}
