using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace ShLogin.ContainerTests.Infrastructure;

/// <summary>
/// What the container tests need: rootful podman, the images built by <c>containers/build</c>,
/// Chromium. Something missing skips the test on a developer machine but fails it when
/// <c>CI=true</c>: in CI a skipped test would hide that nothing ran.
/// </summary>
public static class Requirements
{
    /// <summary>Whether the tests run in CI (<c>CI=true</c>, as CI services set it).</summary>
    public static bool IsCi =>
        Environment.GetEnvironmentVariable("CI") is { } value
        && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    /// <summary>
    /// The podman binary. The tests run it as root: the images' user (uid 1000) then owns files
    /// in bind-mounted host directories as uid 1000, as Docker does.
    /// </summary>
    public static string Podman()
    {
        var podman = FindOnPath("podman") ?? Missing("podman is not installed (apt-get install -y --no-install-recommends podman runc; tests/run installs it).");
        if (Environment.UserName != "root")
        {
            Missing("the container tests drive rootful podman; run them as root (tests/run in CI does).");
        }

        return podman;
    }

    /// <summary>Chromium, for the browser flows.</summary>
    public static string Chromium() =>
        IsExecutable("/usr/bin/chromium") ? "/usr/bin/chromium" : Missing("Chromium is not installed (apt-get install -y --no-install-recommends chromium; tests/run installs it).");

    /// <summary>Skips (or under CI fails) the test with <paramref name="message"/>.</summary>
    [DoesNotReturn]
    public static string Missing(string message)
    {
        if (IsCi)
        {
            Assert.Fail(message + " CI=true: a missing requirement fails instead of skipping.");
        }

        Assert.Skip(message);
        throw new UnreachableException();
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(IsExecutable);

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
