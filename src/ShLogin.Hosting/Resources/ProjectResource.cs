using ShLogin.Stack;

namespace ShLogin.Hosting.Resources;

/// <summary>A .NET project run from source with <c>dotnet run</c>, so an edit and a restart is all a developer needs.</summary>
public sealed class ProjectResource : ExecutableResource
{
    /// <summary>The project at <paramref name="projectPath"/>, started with <paramref name="arguments"/>.</summary>
    /// <param name="name">The resource name.</param>
    /// <param name="projectPath">The project file or directory.</param>
    /// <param name="arguments">The program's own arguments (after <c>--</c>).</param>
    /// <param name="buildConfiguration">
    /// The configuration it was already built in, so <c>dotnet run</c> runs it without building
    /// (<c>--no-build</c>); null lets <c>dotnet run</c> build it first.
    /// </param>
    public ProjectResource(string name, string projectPath, IEnumerable<string> arguments, string? buildConfiguration = null)
        : base(name, "dotnet", arguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectPath);
        ProjectPath = projectPath;
        BuildConfiguration = buildConfiguration;
    }

    /// <summary>The project file or directory.</summary>
    public string ProjectPath { get; }

    /// <summary>The configuration it is run in without building; null when <c>dotnet run</c> builds it.</summary>
    public string? BuildConfiguration { get; }

    /// <inheritdoc/>
    public override ResourceKind Kind => ResourceKind.Project;

    /// <summary><c>dotnet run --project PATH [--no-build --configuration C] --no-launch-profile -- ARGS</c>.</summary>
    public override (string FileName, IReadOnlyList<string> Arguments) GetCommandLine()
    {
        List<string> arguments = ["run", "--project", ProjectPath];
        if (BuildConfiguration is { } configuration)
        {
            arguments.AddRange(["--no-build", "--configuration", configuration]);
        }

        arguments.AddRange(["--no-launch-profile", "--", .. Arguments]);
        return (Command, arguments);
    }
}
