using ShLogin.Nginx;

namespace ShLogin.Hosting.Stack;

/// <summary>How to run the protected app and how nginx reaches it.</summary>
public sealed record WorkloadSpec
{
    /// <summary>What the banner calls it (e.g. Jupyter Notebook).</summary>
    public required string DisplayName { get; init; }

    /// <summary>The program.</summary>
    public required string Command { get; init; }

    /// <summary>Its arguments (never secrets).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Extra environment (secrets the app requires may go here: only this user can read a process's environment).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>True when the app listens on the runtime directory's socket; false for a loopback port.</summary>
    public bool UsesUnixSocket { get; init; }

    /// <summary>The loopback port, when not on a socket.</summary>
    public int Port { get; init; }

    /// <summary>The path probed for readiness; null when the app is ready once it runs.</summary>
    public string? HealthPath { get; init; } = "/";

    /// <summary>A header nginx adds to every request so the app accepts it and nothing else on the host.</summary>
    public AppSecretHeader? SecretHeader { get; init; }

    /// <summary>Whether nginx refuses cross-origin WebSocket upgrades itself.</summary>
    public bool CheckWebSocketOrigin { get; init; }
}
