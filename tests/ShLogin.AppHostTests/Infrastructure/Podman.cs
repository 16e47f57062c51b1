using System.Diagnostics;

namespace ShLogin.AppHostTests.Infrastructure;

/// <summary>podman, run with the checkout's containers.conf as the AppHost and containers/build use it.</summary>
public static class Podman
{
    /// <summary>The checkout's podman settings (runc, no default ulimits), if present.</summary>
    public static string? Configuration { get; } = FindConfiguration();

    /// <summary>Runs podman to completion; returns its exit code and its output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string podman, params string[] arguments)
    {
        var info = new ProcessStartInfo(podman)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (Configuration is not null && Environment.GetEnvironmentVariable("CONTAINERS_CONF") is null)
        {
            info.Environment["CONTAINERS_CONF"] = Configuration;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await output + await error).Trim());
    }

    private static string? FindConfiguration()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "containers", "podman", "containers.conf");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
