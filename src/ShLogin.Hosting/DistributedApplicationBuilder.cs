using ShLogin.Hosting.Resources;
using ShLogin.Stack;

namespace ShLogin.Hosting;

/// <summary>
/// Composes the processes of a stack, in the shape of .NET Aspire's <c>IDistributedApplicationBuilder</c>:
/// add resources, wire them with <c>WithReference</c> and <c>WaitFor</c>, then <see cref="Build"/>.
/// </summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    private DistributedApplicationBuilder(DistributedApplicationOptions options) => Options = options;

    /// <summary>How the application will start, log and stop.</summary>
    public DistributedApplicationOptions Options { get; set; }

    /// <summary>The resources added so far, in order.</summary>
    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>A new, empty application.</summary>
    public static DistributedApplicationBuilder Create(DistributedApplicationOptions? options = null) =>
        new(options ?? new DistributedApplicationOptions());

    /// <summary>Adds a resource.</summary>
    /// <exception cref="InvalidOperationException">Its name is taken.</exception>
    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' was added already.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    /// <summary>Checks the composition (every waited-for resource belongs to it, no cycles) and returns the runnable application.</summary>
    public DistributedApplication Build()
    {
        foreach (var resource in _resources)
        {
            foreach (var dependency in resource.WaitsFor.Concat(resource.References))
            {
                if (!_resources.Contains(dependency))
                {
                    throw new InvalidOperationException($"'{resource.Name}' depends on '{dependency.Name}', which is not part of this application.");
                }
            }
        }

        var visiting = new HashSet<Resource>();
        var done = new HashSet<Resource>();
        void Visit(Resource resource)
        {
            if (done.Contains(resource))
            {
                return;
            }

            if (!visiting.Add(resource))
            {
                throw new InvalidOperationException($"'{resource.Name}' waits for itself through WaitFor.");
            }

            foreach (var dependency in resource.WaitsFor)
            {
                Visit(dependency);
            }

            visiting.Remove(resource);
            done.Add(resource);
        }

        foreach (var resource in _resources)
        {
            Visit(resource);
        }

        return new DistributedApplication([.. _resources], Options);
    }
}
