namespace ShLogin.Testing;

/// <summary>Places in the repository the tests read or write: its root, the podman settings, the artifacts.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the nearest directory above the test assembly that holds <c>ShLogin.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The podman settings every podman call of the project uses (<c>CONTAINERS_CONF</c>).</summary>
    public static string PodmanSettings => Path.Combine(Root, "containers", "podman", "containers.conf");

    /// <summary>A path for a screenshot, <c>artifacts/screenshots/NAME.png</c>; the directory is created.</summary>
    public static string Screenshot(string name)
    {
        var directory = Path.Combine(Root, "artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name + ".png");
    }

    /// <summary>Tells the test log where an artifact was written.</summary>
    public static void Announce(string what, string path)
    {
        var line = $"{what}: {path}";
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        TestContext.Current.SendDiagnosticMessage(line);
        Console.WriteLine(line);
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
