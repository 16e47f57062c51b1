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

        Assert.Equal(ContainerImages.DefaultUser, await Podman.OutputOfAsync(["image", "inspect", "--format", "{{.Config.User}}", image]));
        var entrypoint = await Podman.OutputOfAsync(["image", "inspect", "--format", "{{json .Config.Entrypoint}}", image]);
        Assert.EndsWith(entrypointEnd, entrypoint, StringComparison.Ordinal);
        var environment = await Podman.OutputOfAsync(["image", "inspect", "--format", "{{json .Config.Env}}", image]);
        Assert.DoesNotContain("SH_LOGIN_APP", environment, StringComparison.Ordinal);
        Assert.DoesNotContain("SH_LOGIN_CMD", environment, StringComparison.Ordinal);
        Assert.Equal("1000", await Podman.OutputOfAsync(["run", "--rm", "--entrypoint", "/usr/bin/id", image, "-u"]));
    }

    [Theory]
    [InlineData(ContainerImages.Jupyter)]
    [InlineData(ContainerImages.ShLogin)]
    public async Task The_image_holds_the_native_program_and_no_dotnet(string imageName)
    {
        var image = await ContainerImages.RequireAsync(imageName);

        var help = await Podman.RunAsync(["run", "--rm", image, "--help"]);
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("--ready-file", help.StandardOutput, StringComparison.Ordinal);
        var version = await Podman.RunAsync(["run", "--rm", "--entrypoint", "/usr/local/bin/sh-login", image, "--version"]);
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Matches(@"^[0-9]+\.[0-9]+\.[0-9]+ \(native(, commit [0-9a-f]{12})?\)\n$", version.StandardOutput);
        var dotnet = await Podman.RunAsync(["run", "--rm", "--entrypoint", "/bin/sh", image, "-c", "command -v dotnet"]);
        Assert.NotEqual(0, dotnet.ExitCode);

        // No .NET runtime anywhere in the image: no runtime library, no managed assembly beside the program.
        var runtime = await Podman.RunAsync(["run", "--rm", "--user", "0", "--entrypoint", "/bin/sh", image, "-c",
            "find / -xdev \\( -name 'libcoreclr.so' -o -name 'libhostfxr.so' -o -name 'System.Private.CoreLib.dll' -o -name 'sh-login.dll' \\) -print"]);
        Assert.True(runtime.ExitCode == 0, runtime.ToString());
        Assert.Equal(string.Empty, runtime.StandardOutput.Trim());
    }
}
