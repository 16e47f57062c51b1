using ShLogin.ContainerTests.Infrastructure;

namespace ShLogin.ContainerTests.Images;

/// <summary>What the images are before anything runs: unprivileged, started by sh-login start, no SDK inside.</summary>
public sealed class ImageTests
{
    [Theory]
    [InlineData(ContainerImages.Jupyter, "\"/usr/local/bin/sh-login\",\"start\",\"--default-app\",\"jupyter\"]")]
    [InlineData(ContainerImages.ShLogin, "\"/usr/local/bin/sh-login\",\"start\"]")]
    public async Task The_image_runs_sh_login_start_as_an_unprivileged_user(string imageName, string entrypointEnd)
    {
        var image = await ContainerImages.RequireAsync(imageName);

        var config = (await Containers.InspectAsync(image)).Config ?? throw new InvalidOperationException($"{image} has no config");
        Assert.Equal(ContainerImages.DefaultUser, config.User);
        Assert.EndsWith(entrypointEnd, System.Text.Json.JsonSerializer.Serialize(config.Entrypoint), StringComparison.Ordinal);
        Assert.DoesNotContain(config.Env ?? [], variable => variable.StartsWith("SH_LOGIN_APP=", StringComparison.Ordinal) || variable.StartsWith("SH_LOGIN_CMD=", StringComparison.Ordinal));
        var id = await Containers.RunToEndAsync(Containers.Of(image).WithEntrypoint("/usr/bin/id").WithCommand("-u"));
        Assert.Equal("1000", id.StandardOutput.Trim());
    }

    [Theory]
    [InlineData(ContainerImages.Jupyter)]
    [InlineData(ContainerImages.ShLogin)]
    public async Task The_image_holds_the_native_program_and_no_dotnet(string imageName)
    {
        var image = await ContainerImages.RequireAsync(imageName);

        var help = await Containers.RunToEndAsync(Containers.Of(image).WithCommand("--help"));
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("--ready-file", help.StandardOutput, StringComparison.Ordinal);
        var version = await Containers.RunToEndAsync(Containers.Of(image).WithEntrypoint("/usr/local/bin/sh-login").WithCommand("--version"));
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Matches(@"^[0-9]+\.[0-9]+\.[0-9]+ \(native(, commit [0-9a-f]{12})?\)\n$", version.StandardOutput);
        var dotnet = await Containers.RunToEndAsync(Containers.Of(image).WithEntrypoint("/bin/sh").WithCommand("-c", "command -v dotnet"));
        Assert.NotEqual(0, dotnet.ExitCode);

        // No .NET runtime anywhere in the image: no runtime library, no managed assembly beside the program.
        var runtime = await Containers.RunToEndAsync(Containers.Of(image).WithUser("0").WithEntrypoint("/bin/sh").WithCommand(
            "-c", "find / -xdev \\( -name 'libcoreclr.so' -o -name 'libhostfxr.so' -o -name 'System.Private.CoreLib.dll' -o -name 'sh-login.dll' \\) -print"));
        Assert.True(runtime.ExitCode == 0, runtime.ToString());
        Assert.Equal(string.Empty, runtime.StandardOutput.Trim());
    }
}
