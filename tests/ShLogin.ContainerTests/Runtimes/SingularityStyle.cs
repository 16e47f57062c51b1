using DotNet.Testcontainers.Builders;
using ShLogin.ContainerTests.Infrastructure;
using ShLogin.ContainerTests.Singularity;

namespace ShLogin.ContainerTests.Runtimes;

/// <summary>
/// A podman run that gives the stack what Apptainer/Singularity give it on a cluster node: a
/// read-only image, an unprivileged user, the host's network, a writable /tmp and nothing else,
/// host directories bound at their own paths, the variables the runtime sets inside the container,
/// and Singularity.def's %environment and %runscript run by /bin/sh with the caller's arguments.
/// </summary>
public static class SingularityStyle
{
    /// <summary>Which runtime's variables to set.</summary>
    public enum Runtime
    {
        /// <summary>Apptainer (APPTAINER_*).</summary>
        Apptainer,

        /// <summary>SingularityCE and Singularity 3 (SINGULARITY_*).</summary>
        SingularityCe,
    }

    /// <summary>The image file the variables name, as it would sit in a user's home.</summary>
    public const string ImageFile = "/home/alice/shlogin-jupyter.sif";

    /// <summary>
    /// A container of <paramref name="image"/> run the way Apptainer or SingularityCE run its
    /// image: the %runscript through the image's own shell, read-only, as an unprivileged user,
    /// on the host's network, with only /tmp (a tmpfs, the node's shared /tmp) and the bound
    /// directories writable, the runtime's own variables set, and <paramref name="arguments"/>
    /// passed to the runscript.
    /// </summary>
    public static ContainerBuilder Run(string image, Runtime runtime, IReadOnlyList<HostDirectory> binds, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(binds);
        var prefix = runtime == Runtime.Apptainer ? "APPTAINER_" : "SINGULARITY_";
        var builder = Containers.Of(image)
            .WithReadOnlyRootOnHostNetwork()
            .WithTmpfsMount("/tmp")
            .WithUser(ContainerImages.DefaultUser)
            .WithEnvironment(prefix + "CONTAINER", ImageFile)
            .WithEnvironment(prefix + "NAME", Path.GetFileName(ImageFile))
            .WithEnvironment(prefix + "COMMAND", "run")
            .WithEnvironment(prefix + "ENVIRONMENT", "/.singularity.d/env/91-environment.sh")
            .WithEnvironment(prefix + "BIND", string.Join(',', binds.Select(bind => bind.Path)))
            .WithEntrypoint("/bin/sh")
            .WithCommand([.. RunscriptArguments(arguments)]);
        foreach (var bind in binds)
        {
            builder = builder.WithBindMount(bind.Path, bind.Path);
        }

        return binds.Count > 0 ? builder.WithWorkingDirectory(binds[0].Path) : builder;
    }

    public static IReadOnlyList<string> RunscriptArguments(params string[] arguments)
    {
        var definition = SingularityDefinition.OfRepository;
        var script = definition.Section("environment") + "\n" + definition.Section("runscript");
        return ["-c", script, "runscript", .. arguments];
    }
}
