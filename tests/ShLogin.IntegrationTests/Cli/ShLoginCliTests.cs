using ShLogin.IntegrationTests.Infrastructure;
using Xunit;

namespace ShLogin.IntegrationTests.Cli;

/// <summary>The built <c>sh-login</c> can be run as its own process from the test directory.</summary>
public sealed class ShLoginCliTests
{
    [Fact]
    public async Task The_built_cli_starts_from_the_test_output_directory()
    {
        if (!ShLoginExecutable.IsNamed)
        {
            Assert.True(File.Exists(ShLoginExecutable.AssemblyPath), ShLoginExecutable.AssemblyPath);
            Assert.True(File.Exists(Path.ChangeExtension(ShLoginExecutable.AssemblyPath, ".runtimeconfig.json")));
        }

        var result = await ShLoginCli.RunAsync(["--help"], new Dictionary<string, string?> { ["SH_LOGIN_TOKEN"] = null });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("Exception", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SH_LOGIN_AUTH_PORT", "abc")]
    [InlineData("SH_LOGIN_FLASK_PORT", "99999")]
    public async Task Serve_with_a_bad_port_variable_exits_2_with_one_line_naming_it(string variable, string value)
    {
        using var data = new TemporaryDirectory();

        var result = await ShLoginCli.RunAsync(
            ["serve", "--data-dir", Path.Combine(data.Path, "login")],
            new Dictionary<string, string?> { [variable] = value, ["SH_LOGIN_TOKEN"] = "cli-test-token-0123456789abcdef" });

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.StandardOutput);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"sh-login: {variable}='{value}' is not valid", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(data.Path, "login")));
    }
}
