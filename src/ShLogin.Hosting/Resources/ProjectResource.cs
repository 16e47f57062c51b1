namespace ShLogin.Hosting.Resources;

/// <summary>A .NET project run from source with <c>dotnet run</c>, so an edit and a restart is all a developer needs.</summary>
public sealed class ProjectResource : ExecutableResource
{
    /// <summary>The project at <paramref name="projectPath"/>, started with <paramref name="arguments"/>.</summary>
    public ProjectResource(string name, string projectPath, IEnumerable<string> arguments)
        : base(name, "dotnet", ["run", "--project", projectPath, "--no-launch-profile", "--", .. arguments])
    {
        ProjectPath = projectPath;
    }

    /// <summary>The project file or directory.</summary>
    public string ProjectPath { get; }

    /// <inheritdoc/>
    public override ResourceKind Kind => ResourceKind.Project;
}
