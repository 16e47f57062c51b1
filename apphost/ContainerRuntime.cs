using System.Globalization;
using ShLogin.Configuration;
using ShLogin.Stack;


namespace ShLogin.AppHost;

/// <summary>
/// podman or docker, chosen as .NET Aspire does (<c>ASPIRE_CONTAINER_RUNTIME</c>, else whichever
/// is installed, podman first), and how containers of the stack are run with it.
/// </summary>
/// <param name="Name">podman or docker.</param>
/// <param name="Program">Its path.</param>
/// <param name="UserArguments">
/// <c>run</c> arguments that make the container's processes this user, so that they can use the
/// private runtime directory and create sockets this user can open.
/// </param>
internal sealed record ContainerRuntime(string Name, string Program, IReadOnlyList<string> UserArguments)
{
    public const string SelectionVariable = "ASPIRE_CONTAINER_RUNTIME";

    /// <summary>ShLogin with nginx (containers/build).</summary>
    public const string ShLoginImage = "localhost/shlogin:latest";

    /// <summary>ShLogin with nginx, Jupyter Notebook 6 and Jupyter Server (containers/build).</summary>
    public const string JupyterImage = "localhost/shlogin-jupyter:latest";

    /// <summary>The image a workload runs from: Jupyter's for the Jupyter presets, ShLogin's for the rest.</summary>
    public static string ImageFor(AppPreset? preset) => preset is AppPreset.Jupyter or AppPreset.JupyterServer or AppPreset.JupyterLab ? JupyterImage : ShLoginImage;

    /// <summary>The images' init: it forwards signals and reaps orphans (podman's --init needs catatonit, not installed everywhere).</summary>
    public const string ImageInit = "/usr/bin/tini";

    /// <summary>The label that marks the stack's containers with its runtime directory.</summary>
    public const string RuntimeDirectoryLabel = "io.shlogin.runtime-dir";

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The runtime to use, checked to work and to have <paramref name="images"/>. For podman, the
    /// checkout's containers.conf is used unless CONTAINERS_CONF is set.
    /// </summary>
    /// <exception cref="AppHostUsageException">No usable runtime, or an image is not built.</exception>
    public static async Task<ContainerRuntime> DetectAsync(
        IReadOnlyDictionary<string, string?> environment, RepositoryLayout repository, IEnumerable<string> images)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(repository);
        var (name, program) = Choose(environment.GetValueOrDefault(SelectionVariable));
        if (name == "podman"
            && string.IsNullOrEmpty(environment.GetValueOrDefault("CONTAINERS_CONF"))
            && File.Exists(repository.PodmanConfiguration))
        {
            // Inherited by every podman this process starts (the checks below and the containers).
            Environment.SetEnvironmentVariable("CONTAINERS_CONF", repository.PodmanConfiguration);
        }

        foreach (var image in images)
        {
            var (exitCode, error) = await ProcessOutput.RunAsync(program, ["image", "inspect", "--format", "{{.Id}}", image], CheckTimeout);
            if (exitCode != 0)
            {
                var why = error.Length > 0 ? error : $"{name} image inspect exited with code {exitCode}";
                if (why.Contains("daemon", StringComparison.OrdinalIgnoreCase))
                {
                    throw new AppHostUsageException($"{name} cannot reach its daemon ({why}); start it, or use {SelectionVariable}=podman");
                }

                throw new AppHostUsageException($"{name} cannot use the image {image} ({why}); build the images with containers/build");
            }
        }

        var (uid, gid) = CurrentIds();
        List<string> user = ["--user", uid.ToString(CultureInfo.InvariantCulture) + ":" + gid.ToString(CultureInfo.InvariantCulture)];
        if (name == "podman" && uid != 0)
        {
            // Rootless podman: keep this user's id inside, instead of mapping it to root.
            user.Add("--userns=keep-id");
        }

        return new ContainerRuntime(name, program, user);
    }

    /// <summary>An image reference split into what Aspire's AddContainer takes: the image and its tag.</summary>
    public static (string Image, string Tag) SplitImage(string reference)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') ? (reference[..colon], reference[(colon + 1)..]) : (reference, "latest");
    }

    private static (string Name, string Program) Choose(string? requested)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            var name = requested.Trim().ToLowerInvariant();
            if (name is not ("podman" or "docker"))
            {
                throw new AppHostUsageException($"{SelectionVariable}='{requested}' is not accepted; use podman or docker");
            }

            return (name, ExecutableLocator.Find(name)
                ?? throw new AppHostUsageException($"{SelectionVariable}={name}, but {name} is not installed; install it (Debian: apt-get install -y {(name == "podman" ? "podman runc" : "docker.io")})"));
        }

        if (ExecutableLocator.Find("podman") is { } podman)
        {
            return ("podman", podman);
        }

        if (ExecutableLocator.Find("docker") is { } docker)
        {
            return ("docker", docker);
        }

        throw new AppHostUsageException("--containers needs podman or docker; install one (Debian: apt-get install -y podman runc)");
    }

    private static (long Uid, long Gid) CurrentIds()
    {
        long uid = -1, gid = -1;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            // "Uid:\treal\teffective\tsaved\tfs": the effective id is what files are created with.
            var fields = line.Split('\t', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 3 && fields[0] is "Uid:" or "Gid:")
            {
                var id = long.Parse(fields[2], CultureInfo.InvariantCulture);
                if (fields[0] == "Uid:")
                {
                    uid = id;
                }
                else
                {
                    gid = id;
                }
            }
        }

        return uid < 0 || gid < 0 ? throw new InvalidOperationException("/proc/self/status has no Uid/Gid lines.") : (uid, gid);
    }
}
