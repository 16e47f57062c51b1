using ShLogin.Hosting.Resources;
using ShLogin.Stack;

namespace ShLogin.Hosting.Tests.Resources;

public sealed class ContainerResourceTests
{
    [Fact]
    public void A_container_runs_in_the_foreground_on_the_host_network_with_the_runtime_init_by_default()
    {
        var container = DistributedApplicationBuilder.Create().AddContainer("nginx", "localhost/shlogin:latest", "podman", "-v");

        var (fileName, arguments) = container.Resource.GetCommandLine();

        Assert.Equal("podman", fileName);
        Assert.Equal(["run", "--rm", "--init", "--name", container.Resource.ContainerName, "--network", "host", "localhost/shlogin:latest", "-v"], arguments);
        Assert.StartsWith("shlogin-nginx-", container.Resource.ContainerName, StringComparison.Ordinal);
    }

    [Fact]
    public void Entrypoint_mounts_runtime_arguments_and_environment_names_come_before_the_image()
    {
        var container = DistributedApplicationBuilder.Create()
            .AddContainer("app", "localhost/shlogin:latest", "docker", "--", "sh-login", "demo")
            .WithEntrypoint("/usr/bin/tini")
            .WithInitProcess(false)
            .WithContainerRuntimeArgs("--user", "1000:1000")
            .WithBindMount("/tmp/sh-login.abc", "/tmp/sh-login.abc")
            .WithBindMount("/srv/data", "/data", isReadOnly: true)
            .WithEnvironment("SH_LOGIN_SOCKET", "/tmp/sh-login.abc/app.sock");

        var (_, arguments) = container.Resource.GetCommandLine();

        Assert.Equal(
            [
                "run", "--rm", "--name", container.Resource.ContainerName, "--network", "host", "--entrypoint", "/usr/bin/tini",
                "--user", "1000:1000", "--volume", "/tmp/sh-login.abc:/tmp/sh-login.abc", "--volume", "/srv/data:/data:ro",
                "-e", "SH_LOGIN_SOCKET", "localhost/shlogin:latest", "--", "sh-login", "demo",
            ],
            arguments);
    }

    [Theory]
    [InlineData("relative/dir", "/data")]
    [InlineData("/data", "relative")]
    [InlineData("/a:b", "/data")]
    [InlineData("/data", "/x:/etc:rw")]
    public void Bind_mounts_refuse_relative_paths_and_colons_that_would_change_their_meaning(string source, string target)
    {
        var container = DistributedApplicationBuilder.Create().AddContainer("app", "image", "podman");

        Assert.Throws<ArgumentException>(() => container.WithBindMount(source, target));
        Assert.DoesNotContain("--volume", container.Resource.GetCommandLine().Arguments);
    }
}
