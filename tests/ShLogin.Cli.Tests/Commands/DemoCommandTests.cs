using System.Net;
using System.Net.Sockets;

namespace ShLogin.Cli.Tests.Commands;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("shlogin-cli-demo-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Without_a_socket_or_port_it_exits_2_with_one_line_naming_both()
    {
        var result = await new CliHarness().RunAsync("demo");

        var line = result.SingleUsageError();
        foreach (var name in new[] { "--socket", "--port", "SH_LOGIN_SOCKET", "SH_LOGIN_PORT" })
        {
            Assert.Contains(name, line, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("http")]
    [InlineData("-1")]
    public async Task A_bad_port_flag_exits_2_naming_it(string port)
    {
        var result = await new CliHarness().RunAsync("demo", "--port", port);

        Assert.StartsWith($"sh-login: --port='{port}' is not valid", result.SingleUsageError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_port_variable_exits_2_naming_it()
    {
        var harness = new CliHarness();
        harness.Environment["SH_LOGIN_PORT"] = "80x";

        var result = await harness.RunAsync("demo");

        Assert.Equal(
            "sh-login: SH_LOGIN_PORT='80x' is not valid: expected a port number 1-65535",
            result.SingleUsageError());
    }

    [Fact]
    public async Task Socket_and_port_together_exit_2()
    {
        var result = await new CliHarness().RunAsync("demo", "--socket", "app.sock", "--port", "8080");

        Assert.Contains("exclude each other", result.SingleUsageError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_socket_in_a_missing_directory_exits_2_naming_the_flag()
    {
        var result = await new CliHarness().RunAsync("demo", "--socket", Path.Combine(directory, "missing", "app.sock"));

        var line = result.SingleUsageError();
        Assert.StartsWith("sh-login: --socket: ", line, StringComparison.Ordinal);
        Assert.Contains("does not exist", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_exits_2_naming_the_flag()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await new CliHarness().RunAsync("demo", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var line = result.SingleUsageError();
        Assert.StartsWith("sh-login: --port: cannot listen on http://127.0.0.1:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_socket_variable_is_used_and_wins_over_the_port_variable()
    {
        var socketPath = Path.Combine(directory, "env.sock");
        var harness = new CliHarness { WorkingDirectory = directory };
        harness.Environment["SH_LOGIN_SOCKET"] = socketPath;
        harness.Environment["SH_LOGIN_PORT"] = "not looked at";

        var (exitCode, error) = await RunUntilAnsweringAsync(harness, socketPath, "demo");

        Assert.Equal(0, exitCode);
        Assert.Contains($"serving on unix:{socketPath}", error, StringComparison.Ordinal);
        Assert.False(File.Exists(socketPath));
    }

    [Fact]
    public async Task A_relative_socket_flag_wins_over_the_variable_and_is_resolved_against_the_working_directory()
    {
        var variablePath = Path.Combine(directory, "env.sock");
        var flagPath = Path.Combine(directory, "flag.sock");
        var harness = new CliHarness { WorkingDirectory = directory };
        harness.Environment["SH_LOGIN_SOCKET"] = variablePath;

        var (exitCode, _) = await RunUntilAnsweringAsync(harness, flagPath, "demo", "--socket", "flag.sock");

        Assert.Equal(0, exitCode);
        Assert.False(File.Exists(variablePath));
    }

    [Fact]
    public async Task Help_lists_the_demo_command()
    {
        var result = await new CliHarness().RunAsync("--help");

        Assert.Matches(@"(?m)^\s+demo\s+Run the demo app that start protects by default$", result.Output);
    }

    /// <summary>Runs the command in-process until its socket answers /healthz, then cancels it as SIGINT would.</summary>
    private static async Task<(int ExitCode, string Error)> RunUntilAnsweringAsync(CliHarness harness, string socketPath, params string[] args)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var run = CliRunner.RunAsync(Program.CreateRootCommand(harness.Context), args, harness.Context, output, error, stop.Token);

        using var client = UnixSocketHttp.Client(socketPath);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            Assert.False(run.IsCompleted, $"the command ended early: {error}");
            try
            {
                using var health = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
                break;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socketPath));
        await stop.CancelAsync();
        var exitCode = await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        return (exitCode, error.ToString());
    }
}
