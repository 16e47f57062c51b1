namespace ShLogin.Cli.Tests;

/// <summary>The one line of <c>sh-login --version</c>.</summary>
public class BuildInfoTests
{
    [Theory]
    [InlineData("0.1.0+4a47bfff999530345fac92df1ac6200dce28b982", true, "0.1.0 (native, commit 4a47bfff9995)")]
    [InlineData("0.1.0+4A47BFFF999530345FAC92DF1AC6200DCE28B982", false, "0.1.0 (jit, commit 4a47bfff9995)")]
    [InlineData("0.1.0+4a47bff", false, "0.1.0 (jit, commit 4a47bff)")]
    [InlineData("0.1.0", true, "0.1.0 (native)")]
    [InlineData("0.1.0+", false, "0.1.0 (jit)")]
    [InlineData("1.2.3-beta.1+not-a-commit\nsecond line", false, "1.2.3-beta.1 (jit)")]
    public void Describe_gives_version_kind_and_short_commit(string informationalVersion, bool native, string expected)
    {
        Assert.Equal(expected, BuildInfo.Describe(informationalVersion, native));
    }

    [Fact]
    public void This_process_is_a_jit_build_with_its_version()
    {
        Assert.Matches(@"^[0-9]+\.[0-9]+\.[0-9]+ \(jit(, commit [0-9a-f]{12})?\)$", BuildInfo.Current);
    }

    [Fact]
    public async Task Version_option_prints_the_build_line()
    {
        var result = await new CliHarness().RunAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(BuildInfo.Current + "\n", result.Output);
    }
}
