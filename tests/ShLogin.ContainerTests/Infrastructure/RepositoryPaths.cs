namespace ShLogin.ContainerTests.Infrastructure;

/// <summary>Files of the repository the tests read: the container recipes and their settings.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the nearest directory above the test assembly that holds <c>ShLogin.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The podman settings every podman call of the project uses (<c>CONTAINERS_CONF</c>).</summary>
    public static string PodmanSettings => Path.Combine(Root, "containers", "podman", "containers.conf");

    /// <summary>The Apptainer/Singularity definition file.</summary>
    public static string SingularityDefinition => Path.Combine(Root, "Singularity.def");

    /// <summary>The script that builds the images.</summary>
    public static string BuildScript => Path.Combine(Root, "containers", "build");

    /// <summary>A path for a screenshot, <c>artifacts/screenshots/NAME.png</c>; the directory is created.</summary>
    public static string Screenshot(string name)
    {
        var directory = Path.Combine(Root, "artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name + ".png");
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ShLogin.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ShLogin.sln above {AppContext.BaseDirectory}.");
    }
}
