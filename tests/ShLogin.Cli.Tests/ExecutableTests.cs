using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace ShLogin.Cli.Tests;

/// <summary>The built <c>sh-login</c> executable (the JIT apphost, or the native binary: <see cref="ShLoginExecutable"/>), run as users run it.</summary>
public class ExecutableTests
{
    private static readonly string RfcSecret = ShLogin.Secrets.Base32.Encode("12345678901234567890"u8);

    [Fact]
    public async Task Version_names_the_version_the_kind_of_build_and_the_commit_in_one_line()
    {
        // The test assembly and the program under test are built from the same tree: the same
        // version and commit. The native binary (SH_LOGIN_TEST_EXECUTABLE) says native, the JIT build jit.
        var informational = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var expected = BuildInfo.Describe(informational, native: ShLoginExecutable.IsNamed);

        var result = await RunAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected + "\n", result.Output);
        Assert.Matches(@"^[0-9]+\.[0-9]+\.[0-9]+ \((jit|native)(, commit [0-9a-f]{12})?\)\n$", result.Output);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public async Task Help_names_the_executable_and_lists_the_commands()
    {
        var result = await RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("sh-login [command] [options]", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+totp\s", result.Output);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public async Task Totp_code_prints_only_the_code()
    {
        var result = await RunAsync("totp", "code", "--secret", RfcSecret, "--time", "59", "--digits", "8");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("94287082\n", result.Output);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public async Task Bad_digits_exit_2_with_one_line_on_stderr()
    {
        var result = await RunAsync("totp", "code", "--secret", RfcSecret, "--digits", "12");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("sh-login: --digits='12' is not valid", line, StringComparison.Ordinal);
    }

    private static async Task<CliResult> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(ShLoginExecutable.Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("SH_LOGIN_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var cancellation = TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        var error = process.StandardError.ReadToEndAsync(cancellation);
        await process.WaitForExitAsync(cancellation);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
