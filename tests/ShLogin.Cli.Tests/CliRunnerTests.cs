using System.CommandLine;
using ShLogin.Configuration;
using ShLogin.LoginService;

namespace ShLogin.Cli.Tests;

public class CliRunnerTests
{
    private static RootCommand Throwing(Exception exception)
    {
        var command = new Command("fail");
        command.SetAction(new Func<ParseResult, int>(_ => throw exception));
        return new RootCommand { command };
    }

    [Fact]
    public async Task Configuration_errors_are_one_line_and_exit_code_2()
    {
        var root = Throwing(new ConfigurationException("SH_LOGIN_NGINX", "abc", "a port number 1-65535"));

        var result = await new CliHarness().RunAsync(root, "fail");

        Assert.Equal("sh-login: SH_LOGIN_NGINX='abc' is not valid: expected a port number 1-65535", result.SingleUsageError());
    }

    [Fact]
    public async Task Usage_errors_are_one_line_and_exit_code_2()
    {
        var result = await new CliHarness().RunAsync(Throwing(new UsageException("the file exists")), "fail");

        Assert.Equal("sh-login: the file exists", result.SingleUsageError());
    }

    [Fact]
    public async Task Login_service_option_errors_are_one_line_and_exit_code_2()
    {
        var root = Throwing(new LoginServiceOptionsException("Token: missing; the token modes need a token."));

        var result = await new CliHarness().RunAsync(root, "fail");

        Assert.Equal("sh-login: Token: missing; the token modes need a token.", result.SingleUsageError());
    }

    [Fact]
    public async Task Unexpected_errors_are_one_line_and_exit_code_1()
    {
        var result = await new CliHarness().RunAsync(Throwing(new InvalidOperationException("boom\nat line two")), "fail");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Equal(
            "sh-login: unexpected error: InvalidOperationException: boom at line two (set SH_LOGIN_DEBUG=1 for details)", line);
        Assert.DoesNotContain(" at ShLogin", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_shows_the_stack_trace_of_unexpected_errors()
    {
        var harness = new CliHarness();
        harness.Environment["SH_LOGIN_DEBUG"] = "1";

        var result = await harness.RunAsync(Throwing(new InvalidOperationException("boom")), "fail");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("sh-login: unexpected error: InvalidOperationException: boom", result.Error, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException: boom", result.Error, StringComparison.Ordinal);
        Assert.True(result.ErrorLines.Length > 1);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_exits_130_quietly()
    {
        using var cancellation = new CancellationTokenSource();
        var command = new Command("wait");
        command.SetAction(async (_, token) =>
        {
            await cancellation.CancelAsync();
            await Task.Delay(Timeout.Infinite, token);
            return 0;
        });
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CliRunner.RunAsync(new RootCommand { command }, ["wait"], new CliHarness().Context, output, error, cancellation.Token);

        Assert.Equal(130, exitCode);
        Assert.Equal(string.Empty, error.ToString());
    }

    [Fact]
    public async Task Debug_does_not_turn_usage_errors_into_traces()
    {
        var harness = new CliHarness();
        harness.Environment["SH_LOGIN_DEBUG"] = "1";

        var result = await harness.RunAsync(Throwing(new UsageException("nope")), "fail");

        Assert.Equal("sh-login: nope", result.SingleUsageError());
    }
}
