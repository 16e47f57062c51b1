using ShLogin.Hosting.Resources;
using ShLogin.Stack;

namespace ShLogin.Hosting;

/// <summary>The fluent calls that configure a container resource, named as in .NET Aspire.</summary>
public static class ContainerResourceBuilderExtensions
{
    /// <summary>Runs <paramref name="entrypoint"/> instead of the image's entrypoint; the resource's arguments follow it.</summary>
    public static IResourceBuilder<ContainerResource> WithEntrypoint(this IResourceBuilder<ContainerResource> builder, string entrypoint)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(entrypoint);
        builder.Resource.Entrypoint = entrypoint;
        return builder;
    }

    /// <summary>Mounts the host's <paramref name="source"/> at <paramref name="target"/> in the container.</summary>
    public static IResourceBuilder<ContainerResource> WithBindMount(
        this IResourceBuilder<ContainerResource> builder, string source, string target, bool isReadOnly = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!Path.IsPathRooted(source) || !Path.IsPathRooted(target))
        {
            throw new ArgumentException($"Bind mounts need absolute paths, not '{source}' and '{target}'.", nameof(source));
        }

        if (source.Contains(':', StringComparison.Ordinal) || target.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A bind-mounted path cannot contain ':' ('{source}', '{target}').", nameof(source));
        }

        builder.Resource.RuntimeArguments.Add("--volume");
        builder.Resource.RuntimeArguments.Add(source + ":" + target + (isReadOnly ? ":ro" : string.Empty));
        return builder;
    }

    /// <summary>Adds arguments for the runtime's <c>run</c> command (e.g. <c>--user</c>, <c>--label</c>).</summary>
    public static IResourceBuilder<ContainerResource> WithContainerRuntimeArgs(this IResourceBuilder<ContainerResource> builder, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(args);
        foreach (var argument in args)
        {
            builder.Resource.RuntimeArguments.Add(argument);
        }

        return builder;
    }

    /// <summary>Whether the runtime adds its own init process (<c>--init</c>); turn it off when the entrypoint is an init.</summary>
    public static IResourceBuilder<ContainerResource> WithInitProcess(this IResourceBuilder<ContainerResource> builder, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.UseInit = enabled;
        return builder;
    }
}
