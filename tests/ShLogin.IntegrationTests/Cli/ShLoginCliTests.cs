using ShLogin.IntegrationTests.Infrastructure;
using Xunit;

namespace ShLogin.IntegrationTests.Cli;

/// <summary>The built <c>sh-login</c> can be run as its own process from the test directory.</summary>
public sealed class ShLoginCliTests
{
    [Fact]
    public async Task The_built_cli_starts_from_the_test_output_directory()
    {
        Assert.True(File.Exists(ShLoginCli.AssemblyPath), ShLoginCli.AssemblyPath);
        Assert.True(File.Exists(Path.ChangeExtension(ShLoginCli.AssemblyPath, ".runtimeconfig.json")));

        var result = await ShLoginCli.RunAsync(["--help"], new Dictionary<string, string?> { ["SH_LOGIN_TOKEN"] = null });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("Exception", result.StandardError, StringComparison.Ordinal);
    }
}
