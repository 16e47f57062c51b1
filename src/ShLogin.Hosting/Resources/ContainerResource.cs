namespace ShLogin.Hosting.Resources;

/// <summary>
/// A container run in the foreground by podman or docker on the host network, so its endpoints
/// are the host's loopback addresses. Environment values reach it through the runtime's own
/// environment (<c>-e NAME</c> without a value), never on its command line.
/// </summary>
public sealed class ContainerResource : Resource
{
    private readonly List<string> _arguments;
    private readonly List<string> _runtimeArguments = [];

    /// <summary>A container from <paramref name="image"/>.</summary>
    public ContainerResource(string name, string image, string runtime, IEnumerable<string> arguments)
        : base(name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        ArgumentException.ThrowIfNullOrWhiteSpace(runtime);
        Image = image;
        Runtime = runtime;
        _arguments = [.. arguments];
        ContainerName = "shlogin-" + name + "-" + Guid.NewGuid().ToString("N")[..8];
    }

    /// <inheritdoc/>
    public override ResourceKind Kind => ResourceKind.Container;

    /// <summary>The image reference.</summary>
    public string Image { get; }

    /// <summary>podman or docker (a path or a name on PATH).</summary>
    public string Runtime { get; }

    /// <summary>The name given to the running container.</summary>
    public string ContainerName { get; }

    /// <summary>Extra arguments for <c>run</c>, such as volume mounts.</summary>
    public IList<string> RuntimeArguments => _runtimeArguments;

    /// <inheritdoc/>
    public override (string FileName, IReadOnlyList<string> Arguments) GetCommandLine()
    {
        var arguments = new List<string> { "run", "--rm", "--init", "--name", ContainerName, "--network", "host" };
        arguments.AddRange(_runtimeArguments);
        foreach (var name in Environment.Keys.Order(StringComparer.Ordinal))
        {
            arguments.Add("-e");
            arguments.Add(name);
        }

        arguments.Add(Image);
        arguments.AddRange(_arguments);
        return (Runtime, arguments);
    }
}
