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

    /// <summary>podman run options; the working directory is the first bound directory (Apptainer starts in the caller's).</summary>
    public static IReadOnlyList<string> Options(Runtime runtime, params HostDirectory[] binds)
    {
        ArgumentNullException.ThrowIfNull(binds);
        var prefix = runtime == Runtime.Apptainer ? "APPTAINER_" : "SINGULARITY_";
        List<string> options =
        [
            "--read-only", "--read-only-tmpfs=false", "--tmpfs", "/tmp",
            "--user", ContainerImages.DefaultUser,
            "--network", "host",
            "-e", prefix + "CONTAINER=" + ImageFile,
            "-e", prefix + "NAME=" + Path.GetFileName(ImageFile),
            "-e", prefix + "COMMAND=run",
            "-e", prefix + "ENVIRONMENT=/.singularity.d/env/91-environment.sh",
            "-e", prefix + "BIND=" + string.Join(',', binds.Select(bind => bind.Path)),
            "--entrypoint", "/bin/sh",
        ];
        foreach (var bind in binds)
        {
            options.AddRange(["-v", $"{bind.Path}:{bind.Path}"]);
        }

        if (binds.Length > 0)
        {
            options.AddRange(["-w", binds[0].Path]);
        }

        return options;
    }

    /// <summary>What follows the image: <c>sh -c "%environment; %runscript" runscript ARGS</c>, as <c>apptainer run IMAGE ARGS</c> does.</summary>
    public static IReadOnlyList<string> RunscriptArguments(params string[] arguments)
    {
        var definition = SingularityDefinition.OfRepository;
        var script = definition.Section("environment") + "\n" + definition.Section("runscript");
        return ["-c", script, "runscript", .. arguments];
    }
}
