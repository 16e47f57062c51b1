namespace ShLogin.Hosting.Stack;

/// <summary>
/// Tells a Docker/Podman container (own network namespace: bind every interface, the runtime
/// publishes the port) from Apptainer/Singularity (the host's network: bind loopback only, or the
/// port is open to the whole cluster).
/// </summary>
public static class ContainerDetection
{
    /// <summary>The address nginx binds when SH_LOGIN_BIND is not set.</summary>
    public static string DefaultBind(IReadOnlyDictionary<string, string?> environment, Func<string, bool> fileExists)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(fileExists);
        var apptainer = environment.ContainsKey("APPTAINER_CONTAINER") || environment.ContainsKey("SINGULARITY_CONTAINER");
        var ownNetwork = fileExists("/.dockerenv") || fileExists("/run/.containerenv");
        return ownNetwork && !apptainer ? "0.0.0.0" : "127.0.0.1";
    }
}
