using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ShLogin.EndToEndTests.Infrastructure;

namespace ShLogin.EndToEndTests.BadInput;

/// <summary>
/// A bad setting stops start-up before anything runs: exit code 2, exactly one line on stderr
/// naming what was wrong, no process left, no runtime dir left in the TMPDIR start was given.
/// </summary>
public sealed class BadInputTests
{
    public static TheoryData<string, string> InvalidVariables => new()
    {
        { "SH_LOGIN_NGINX", "abc" },
        { "SH_LOGIN_NGINX", "70000" },
        { "SH_LOGIN_PORT", "0x50" },
        { "SH_LOGIN_AUTH_PORT", "-1" },
        { "SH_LOGIN_MODE", "nope" },
        { "SH_LOGIN_TOTP_SECRET", "!!!" },
        { "SH_LOGIN_TOTP_SECRET_FILE", "/nonexistent" },
        { "SH_LOGIN_SESSION_TTL", "forever" },
        { "SH_LOGIN_BIND", "999.1.1.1" },
        { "SH_LOGIN_APP", "nope" },
        { "SH_LOGIN_SECURE_COOKIE", "sometimes" },
        { "SH_LOGIN_APP_NAME", "two\nlines" },
        { "SH_LOGIN_APP", "jupyterlab-but-no-such-preset" },
        { "SH_LOGIN_PROXY", "apache" },
    };

    [Theory]
    [MemberData(nameof(InvalidVariables))]
    public async Task An_invalid_variable_is_named_in_one_line_and_nothing_is_left(string variable, string value)
    {
        Requirements.Nginx();

        await AssertRefusedAsync(new StackOptions { Environment = new Dictionary<string, string?> { [variable] = value } }, variable);
    }

    [Theory]
    [InlineData("SH_LOGIN_TOTP_SECRET", "SECRETPARTABCDE")]
    [InlineData("SH_LOGIN_TOKEN", "secret part with spaces")]
    public async Task A_refused_secret_is_named_but_never_echoed(string variable, string value)
    {
        Requirements.Nginx();

        var line = await AssertRefusedAsync(new StackOptions { Environment = new Dictionary<string, string?> { [variable] = value } }, variable);

        Assert.DoesNotContain("SECRETPART", line.ToUpperInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_flag_is_named_in_one_line_and_nothing_is_left()
    {
        Requirements.Nginx();

        await AssertRefusedAsync(new StackOptions { Arguments = ["--nginx", "abc"] }, "--nginx");
    }

    [Fact]
    public async Task A_taken_explicit_port_is_named_in_one_line_and_nothing_is_left()
    {
        Requirements.Nginx();
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        var line = await AssertRefusedAsync(
            new StackOptions { Environment = new Dictionary<string, string?> { ["SH_LOGIN_NGINX"] = port } }, "SH_LOGIN_NGINX");

        Assert.Contains(port, line, StringComparison.Ordinal);
    }

    public static TheoryData<string[], string[]> MissingWorkloadBinaries => new()
    {
        { ["SH_LOGIN_CMD=/nonexistent/bin --flag"], [] },
        { [], ["--cmd", "/nonexistent/bin --flag"] },
        { [], ["--", "/nonexistent/bin", "--flag"] },
    };

    [Theory]
    [MemberData(nameof(MissingWorkloadBinaries))]
    public async Task A_missing_workload_binary_is_named_in_one_line_and_nothing_is_left(string[] variables, string[] arguments)
    {
        Requirements.Nginx();
        var environment = variables.Select(variable => variable.Split('=', 2)).ToDictionary(pair => pair[0], pair => (string?)pair[1]);

        await AssertRefusedAsync(new StackOptions { Environment = environment, Arguments = arguments }, "/nonexistent/bin");
    }

    [Theory]
    [InlineData("TMPDIR")]
    [InlineData("SH_LOGIN_TMPDIR")]
    public async Task A_runtime_directory_too_long_for_unix_sockets_is_named_in_one_line_and_nothing_is_left(string variable)
    {
        Requirements.Nginx();
        using var root = new TemporaryDirectory();

        // Clusters set TMPDIR to long per-job paths; a socket path may have 107 bytes at most.
        var tooLong = Directory.CreateDirectory(root.Combine(new string('d', 100))).FullName;
        var line = await AssertRefusedAsync(new StackOptions { Environment = new Dictionary<string, string?> { [variable] = tooLong } }, variable + "=");

        Assert.Contains("107", line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(tooLong));
    }

    [Theory]
    [InlineData("rstudio", "rserver")]
    [InlineData("code-server", "code-server")]
    public async Task A_preset_whose_program_is_not_installed_is_named_in_one_line_and_nothing_is_left(string preset, string program)
    {
        Requirements.Nginx();
        Assert.SkipWhen(
            (preset == "rstudio" && File.Exists("/usr/lib/rstudio-server/bin/rserver")) || Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(d => File.Exists(Path.Combine(d, program))),
            $"{program} is installed here");

        var line = await AssertRefusedAsync(
            new StackOptions { Environment = new Dictionary<string, string?> { ["SH_LOGIN_APP"] = preset } },
            $"'{program}'");
        Assert.Contains("SH_LOGIN_APP", line, StringComparison.Ordinal);
    }

    /// <summary>Runs start with <paramref name="options"/>: exit code 2, one line naming <paramref name="named"/>, nothing left.</summary>
    /// <returns>The line.</returns>
    internal static async Task<string> AssertRefusedAsync(StackOptions options, string named)
    {
        await using var stack = StackProcess.Launch(options);
        var exitCode = await stack.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 2, "Expected exit code 2.\n" + stack.Describe());
        var lines = stack.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("sh-login: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        StackAssertions.LeftNothingBehind(stack, []);
        return line;
    }
}
