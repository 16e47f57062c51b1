using ShLogin.Stack;

namespace ShLogin.AppHost;

/// <summary>Where the checkout is that the AppHost runs from source.</summary>
internal sealed record RepositoryLayout(string Root)
{
    public const string SolutionFileName = "ShLogin.sln";

    /// <summary>The <c>sh-login</c> project: the login service (<c>serve</c>) and the demo app (<c>demo</c>).</summary>
    public string CliProject => Path.Combine(Root, "src", "ShLogin.Cli", "ShLogin.Cli.csproj");

    /// <summary>The podman settings the project's container scripts use.</summary>
    public string PodmanConfiguration => Path.Combine(Root, "containers", "podman", "containers.conf");

    /// <summary>
    /// The checkout above the AppHost's own files (bin/ of the AppHost or of a test project), else
    /// above <paramref name="workingDirectory"/>: the first directory holding ShLogin.sln.
    /// </summary>
    /// <exception cref="AppHostUsageException">Neither is inside a checkout.</exception>
    public static RepositoryLayout Locate(string workingDirectory) =>
        FindAbove(AppContext.BaseDirectory) ?? FindAbove(workingDirectory)
        ?? throw new AppHostUsageException(
            $"no {SolutionFileName} found above {AppContext.BaseDirectory} or {workingDirectory}; run the AppHost from a ShLogin checkout: dotnet run --project apphost");

    private static RepositoryLayout? FindAbove(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return new RepositoryLayout(directory.FullName);
            }
        }

        return null;
    }
}
