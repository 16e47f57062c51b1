namespace ShLogin.Hosting.Stack;

/// <summary>
/// Tells a Docker/Podman container (own network namespace: bind every interface on a fixed port
/// that the runtime publishes) from Apptainer/Singularity and plain hosts (the host's network:
/// bind loopback only on a random port, or the port is open to the whole cluster).
/// </summary>
public static class ContainerDetection
{
    /// <summary>The public port inside a Docker/Podman container, known in advance so it can be published (<c>-p 8080:8080</c>).</summary>
    public const int ContainerPublicPort = 8080;

    /// <summary>True inside a Docker/Podman container that is not an Apptainer/Singularity one.</summary>
    public static bool HasOwnNetwork(IReadOnlyDictionary<string, string?> environment, Func<string, bool> fileExists)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(fileExists);
        var apptainer = environment.ContainsKey("APPTAINER_CONTAINER") || environment.ContainsKey("SINGULARITY_CONTAINER");
        var ownNetwork = fileExists("/.dockerenv") || fileExists("/run/.containerenv");
        return ownNetwork && !apptainer;
    }

    /// <summary>The address nginx binds when SH_LOGIN_BIND is not set.</summary>
    public static string DefaultBind(IReadOnlyDictionary<string, string?> environment, Func<string, bool> fileExists) =>
        HasOwnNetwork(environment, fileExists) ? "0.0.0.0" : "127.0.0.1";
}
