using System.Diagnostics;
using ShLogin.Stack;

namespace ShLogin.Hosting.Resources;

/// <summary>
/// A container run in the foreground by podman or docker on the host network, so its endpoints
/// are the host's loopback addresses. Environment values reach it through the runtime's own
/// environment (<c>-e NAME</c> without a value), never on its command line.
/// </summary>
public sealed class ContainerResource : Resource
{
    private static readonly TimeSpan RemoveTimeout = TimeSpan.FromSeconds(15);
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

    /// <summary>The program run instead of the image's entrypoint; null keeps the image's.</summary>
    public string? Entrypoint { get; set; }

    /// <summary>
    /// Whether the runtime adds its init process (<c>--init</c>) to forward signals and reap
    /// orphans. Off when the entrypoint is an init already (e.g. the image's tini): podman's
    /// init (catatonit) is not installed everywhere.
    /// </summary>
    public bool UseInit { get; set; } = true;

    /// <summary>The command's arguments (after the image).</summary>
    public IReadOnlyList<string> Arguments => _arguments;

    /// <summary>Extra arguments for <c>run</c>, such as volume mounts.</summary>
    public IList<string> RuntimeArguments => _runtimeArguments;

    /// <inheritdoc/>
    public override (string FileName, IReadOnlyList<string> Arguments) GetCommandLine()
    {
        var arguments = new List<string> { "run", "--rm" };
        if (UseInit)
        {
            arguments.Add("--init");
        }

        arguments.AddRange(["--name", ContainerName, "--network", "host"]);
        if (Entrypoint is not null)
        {
            arguments.AddRange(["--entrypoint", Entrypoint]);
        }

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

    /// <summary>
    /// Removes the container if it outlived its <c>run</c> process (a <c>run</c> killed before it
    /// could stop and remove it leaves the container running under the runtime's monitor).
    /// </summary>
    protected internal override async Task OnStoppedAsync()
    {
        var info = new ProcessStartInfo(Runtime)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["rm", "--force", ContainerName])
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info);
            if (process is null)
            {
                return;
            }

            using var timeout = new CancellationTokenSource(RemoveTimeout);
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(timeout.Token), process.StandardError.ReadToEndAsync(timeout.Token));
            await process.WaitForExitAsync(timeout.Token);
            await drain;
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or OperationCanceledException or IOException)
        {
            Trace.TraceWarning($"{Name}: could not remove container {ContainerName}: {exception.Message}");
        }
    }
}
