namespace ShLogin.EndToEndTests.Infrastructure;

/// <summary>Files the tests leave for people to look at, under <c>artifacts/</c> at the repository root.</summary>
public static class Artifacts
{
    /// <summary>The repository root: the nearest directory above the test assembly that holds <c>ShLogin.sln</c>.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>A path for a screenshot, <c>artifacts/screenshots/NAME.png</c>; the directory is created.</summary>
    public static string Screenshot(string name)
    {
        var directory = Path.Combine(RepositoryRoot, "artifacts", "screenshots");
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

    private static string FindRepositoryRoot()
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
