using ShLogin.Stack;
using ShLogin.Hosting;
using ShLogin.Hosting.Resources;

namespace ShLogin.AppHost;

/// <summary>How the AppHost runs a program of the stack from one of ShLogin's images.</summary>
internal static class StackContainerExtensions
{
    /// <summary>
    /// Adds a container that runs <paramref name="program"/> from <paramref name="image"/> under
    /// the image's init, as this user, on the host network, with the runtime directory mounted at
    /// the same path (so sockets, config and ports are where the host's resources expect them)
    /// and labelled with it.
    /// </summary>
    public static IResourceBuilder<ContainerResource> AddStackContainer(
        this DistributedApplicationBuilder builder, string name, DevStack stack, string image, string program, IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(stack);
        var containers = stack.Containers ?? throw new InvalidOperationException("The stack does not run containers.");
        return builder.AddContainer(name, image, containers.Program, ["--", program, .. args])
            .WithEntrypoint(ContainerRuntime.ImageInit)
            .WithInitProcess(false)
            .WithContainerRuntimeArgs([.. containers.UserArguments, "--label", ContainerRuntime.RuntimeDirectoryLabel + "=" + stack.Runtime.Path])
            .WithBindMount(stack.Runtime.Path, stack.Runtime.Path);
    }
}
