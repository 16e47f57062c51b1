using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Images;

namespace ShLogin.ContainerTests.Infrastructure;

/// <summary>The container tests' use of Testcontainers: local images only, each container named and removed by its test.</summary>
public static class Containers
{
    /// <summary>Names the test process that made a container: what a killed run left is removed by the next.</summary>
    public const string OwnerLabel = "io.shlogin.test-process";

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    /// <summary>A container of <paramref name="image"/> (built by containers/build; never pulled).</summary>
    public static ContainerBuilder Of(string image) =>
        new ContainerBuilder(image)
            .WithImagePullPolicy(PullPolicy.Never)
            .WithName("shlogin-test-" + Guid.NewGuid().ToString("N")[..12])
            .WithLabel(OwnerLabel, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithCleanUp(true)
            .WithWaitStrategy(Wait.ForUnixContainer());

    /// <summary>Runs the container to its end and returns its exit code and output (like <c>podman run --rm</c>).</summary>
    public static async Task<ProcessResult> RunToEndAsync(ContainerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        await using var container = await RunningContainer.StartAsync(builder, mayExitAtOnce: true);
        var exitCode = await container.WaitForExitAsync(RunTimeout);
        var (stdout, stderr) = await container.OutputAsync();
        return new ProcessResult(exitCode, stdout, stderr);
    }

    /// <summary>The image's configuration (user, entrypoint, environment), from podman's API.</summary>
    public static async Task<ImageInspectResponse> InspectAsync(string image)
    {
        await PodmanApi.EnsureAsync();
        using var client = Client();
        return await client.Images.InspectImageAsync(image, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Stops a container with <paramref name="graceSeconds"/> between SIGTERM and SIGKILL
    /// (Testcontainers' own stop does not take a grace period).
    /// </summary>
    public static async Task StopAsync(string id, int graceSeconds)
    {
        await PodmanApi.EnsureAsync();
        using var client = Client();
        await client.Containers.StopContainerAsync(id, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)graceSeconds }, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Removes the containers of test runs that ended without removing them (killed): Ryuk, which
    /// would do it, cannot run here. Containers of a test process still alive are left alone.
    /// </summary>
    public static async Task RemoveLeftoversAsync(IDockerClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [OwnerLabel] = true } },
        });
        foreach (var container in containers)
        {
            if (container.Labels.TryGetValue(OwnerLabel, out var owner)
                && int.TryParse(owner, System.Globalization.CultureInfo.InvariantCulture, out var pid)
                && pid != Environment.ProcessId
                && !Directory.Exists("/proc/" + owner))
            {
                await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
            }
        }
    }

    /// <summary>Removes a container, running or not; one already gone is no error.</summary>
    public static async Task RemoveAsync(string id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return;
        }

        using var client = Client();
        try
        {
            await client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true });
        }
        catch (DockerContainerNotFoundException)
        {
            // Already removed.
        }
    }

    /// <summary>Whether the image exists locally.</summary>
    public static async Task<bool> ExistsAsync(string image)
    {
        try
        {
            await InspectAsync(image);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Publishes <paramref name="containerPort"/> on 127.0.0.1:<paramref name="hostPort"/> only, never on the host's other addresses.</summary>
    public static ContainerBuilder WithLoopbackPort(this ContainerBuilder builder, int hostPort, int containerPort)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var key = containerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/tcp";
        return builder.WithCreateParameterModifier(parameters =>
        {
            parameters.ExposedPorts ??= new Dictionary<string, EmptyStruct>();
            parameters.ExposedPorts[key] = default;
            parameters.HostConfig ??= new HostConfig();
            parameters.HostConfig.PortBindings ??= new Dictionary<string, IList<PortBinding>>();
            parameters.HostConfig.PortBindings[key] = [new PortBinding { HostIP = "127.0.0.1", HostPort = hostPort.ToString(System.Globalization.CultureInfo.InvariantCulture) }];
        });
    }

    /// <summary>The user the container runs as (uid:gid).</summary>
    public static ContainerBuilder WithUser(this ContainerBuilder builder, string user)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithCreateParameterModifier(parameters => parameters.User = user);
    }

    /// <summary>
    /// As Apptainer/Singularity run an image: its root read-only, the host's network (the builder's
    /// WithNetwork("host") fails on podman 4.3), and only the given tmpfs mounts writable.
    /// </summary>
    public static ContainerBuilder WithReadOnlyRootOnHostNetwork(this ContainerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithCreateParameterModifier(parameters =>
        {
            parameters.HostConfig ??= new HostConfig();
            parameters.HostConfig.ReadonlyRootfs = true;
            parameters.HostConfig.NetworkMode = "host";

            // With a read-only root, podman mounts writable tmpfs on /run and /var/tmp as well
            // (--read-only-tmpfs, which Docker's API cannot turn off): mounted read-only here, as
            // an image under Apptainer has them.
            parameters.HostConfig.Tmpfs ??= new Dictionary<string, string>();
            parameters.HostConfig.Tmpfs["/var/tmp"] = "ro";
            parameters.HostConfig.Tmpfs["/run"] = "ro";
        });
    }

    /// <summary>A client of podman's Docker-compatible API (<see cref="PodmanApi"/>), for what Testcontainers does not do.</summary>
    internal static IDockerClient Client() =>
        new DockerClientBuilder().WithEndpoint(new Uri(Environment.GetEnvironmentVariable("DOCKER_HOST")
            ?? throw new InvalidOperationException("DOCKER_HOST is not set: call PodmanApi.EnsureAsync first"))).Build();

    /// <summary>Fails with <paramref name="what"/> unless <paramref name="condition"/> becomes true within <paramref name="timeout"/>.</summary>
    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>> what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < timeout, await what());
            await Task.Delay(100);
        }
    }
}
