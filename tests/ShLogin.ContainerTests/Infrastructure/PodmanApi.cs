using System.Diagnostics;

namespace ShLogin.ContainerTests.Infrastructure;

/// <summary>
/// Where Testcontainers finds podman: the Docker-compatible API that tests/run serves
/// (<c>DOCKER_HOST</c>), or, when the tests are run on their own, a <c>podman system service</c>
/// this test process starts on a private socket (with the project's containers.conf) and stops at exit.
/// </summary>
public static class PodmanApi
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _ready;

    /// <summary>Makes sure Testcontainers can reach podman; skips (fails under CI) when podman is missing.</summary>
    public static async Task EnsureAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_ready)
            {
                return;
            }

            // Ryuk (Testcontainers' reaper) cannot be pulled without a registry: each test removes
            // its containers itself. This machine has /.dockerenv: without the override,
            // Testcontainers would talk to the bridge's 10.x address instead of 127.0.0.1.
            Environment.SetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED", "true");
            Environment.SetEnvironmentVariable("TESTCONTAINERS_HOST_OVERRIDE", "127.0.0.1");
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")))
            {
                Environment.SetEnvironmentVariable("DOCKER_HOST", "unix://" + await StartServiceAsync());
            }

            using (var client = Containers.Client())
            {
                await Containers.RemoveLeftoversAsync(client);
            }

            _ready = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> StartServiceAsync()
    {
        var podman = Requirements.RootfulPodman();
        var directory = Directory.CreateTempSubdirectory("shlogin-podman.").FullName;
        var socket = Path.Combine(directory, "podman.sock");
        var info = new ProcessStartInfo(podman) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "system", "service", "--time=0", "unix://" + socket })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["CONTAINERS_CONF"] = RepositoryPaths.PodmanSettings;
        var service = Process.Start(info) ?? throw new InvalidOperationException("podman system service did not start");
        service.OutputDataReceived += (_, _) => { };
        service.ErrorDataReceived += (_, _) => { };
        service.BeginOutputReadLine();
        service.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                service.Kill();
                service.WaitForExit(TimeSpan.FromSeconds(5));
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                // Already gone.
            }
        };

        var clock = Stopwatch.StartNew();
        while (!File.Exists(socket))
        {
            if (service.HasExited || clock.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException($"podman system service did not serve {socket} within {StartTimeout.TotalSeconds:0} s (exit: {(service.HasExited ? service.ExitCode : "still running")})");
            }

            await Task.Delay(50);
        }

        return socket;
    }
}
