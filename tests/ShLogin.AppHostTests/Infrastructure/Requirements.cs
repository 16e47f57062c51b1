using System.Diagnostics;

namespace ShLogin.AppHostTests.Infrastructure;

/// <summary>
/// What the AppHost tests need on this machine. A missing piece skips the test on a developer
/// machine but fails it when <c>CI=true</c>: in CI a skipped test would hide that nothing ran.
/// </summary>
public static class Requirements
{
    public static bool IsCi =>
        Environment.GetEnvironmentVariable("CI") is { } value
        && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    /// <summary>nginx, which the AppHost runs (it installs it itself only as root).</summary>
    public static void Nginx()
    {
        if (Find("nginx", "/usr/sbin/nginx", "/usr/local/sbin/nginx") is null)
        {
            Missing("nginx is not installed (apt-get install -y nginx; tests/run installs it).");
        }
    }

    /// <summary>Debian's Jupyter Notebook.</summary>
    public static void Jupyter()
    {
        if (Find("/usr/bin/jupyter-notebook") is null)
        {
            Missing("Jupyter Notebook is not installed (apt-get install -y --no-install-recommends jupyter-notebook; tests/run installs it).");
        }
    }

    /// <summary>podman and the images of containers/build; returns the podman program.</summary>
    public static async Task<string> PodmanWithImagesAsync(params string[] images)
    {
        var podman = Find("podman", "/usr/bin/podman");
        if (podman is null)
        {
            Missing("podman is not installed (apt-get install -y podman runc).");
            throw new UnreachableException();
        }

        foreach (var image in images)
        {
            var (exitCode, output) = await Podman.RunAsync(podman, "image", "exists", image);
            if (exitCode != 0)
            {
                Missing($"the image {image} is not built (run containers/build): podman image exists exited with {exitCode} {output}");
            }
        }

        return podman;
    }

    private static string? Find(string name, params string[] usualPlaces)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name));
        return (name.Contains('/', StringComparison.Ordinal) ? [name] : onPath)
            .Concat(usualPlaces)
            .FirstOrDefault(path => File.Exists(path) && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0);
    }

    private static void Missing(string message)
    {
        if (IsCi)
        {
            Assert.Fail(message + " CI=true: a missing requirement fails instead of skipping.");
        }

        Assert.Skip(message);
    }
}
