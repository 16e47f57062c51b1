using ShLogin.Configuration;

namespace ShLogin.OtpServer.Tests.Cli;

/// <summary><c>sh-login otp-server</c> and <c>nginx-conf --otp-server</c> refuse bad input with one line and exit code 2.</summary>
public sealed class OtpServerCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("otp-server", "--port", "0")]
    [InlineData("otp-server", "--port", "http")]
    [InlineData("otp-server", "--listen", "localhost:80")]
    [InlineData("otp-server", "--port", "8000", "--socket", "/tmp/x.sock")]
    [InlineData("otp-server", "init", "--name", "bad name")]
    [InlineData("nginx-conf", "--otp-realm", "services")]
    [InlineData("nginx-conf", "--otp-server", "unix:/tmp/o.sock", "--otp-realm", "bad realm")]
    public async Task Bad_input_is_one_line_and_exit_code_2(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("sh-login", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_that_does_not_open_the_database_stops_the_server_before_it_listens()
    {
        var data = _directory.Combine("data");
        Assert.Equal(0, (await RunAsync(["otp-server", "init", "--data-dir", data])).ExitCode);
        File.Delete(Path.Combine(data, OtpServerSetup.KeyFileName));
        var other = _directory.Combine("other.key");
        Assert.True(ShLogin.OtpServer.Secrets.ServerKeyFile.CreateIfMissing(other));

        var result = await RunAsync(["otp-server", "--data-dir", data], new() { [EnvironmentVariableNames.OtpServerKeyFile] = other });
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not open the seeds", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_prints_the_seed_once_and_refuses_a_second_admin()
    {
        var data = _directory.Combine("data");
        var first = await RunAsync(["otp-server", "init", "--data-dir", data]);
        Assert.Equal(0, first.ExitCode);
        Assert.Matches(@"seed:\s+[A-Z2-7]{32}", first.StandardOutput);
        var second = await RunAsync(["otp-server", "init", "--data-dir", data]);
        Assert.Equal(2, second.ExitCode);
        Assert.DoesNotContain("seed:", second.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, OtpServerSetup.DatabaseFileName)));
    }

    private static Task<ProcessResult> RunAsync(string[] arguments, Dictionary<string, string?>? environment = null)
    {
        var command = ShLoginExecutable.Command;
        return ProcessRunner.RunAsync(command[0], [.. command.Skip(1), .. arguments], environment);
    }
}
