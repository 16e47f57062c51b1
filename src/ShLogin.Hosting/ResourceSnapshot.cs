using ShLogin.Hosting.Resources;
using ShLogin.Stack;

namespace ShLogin.Hosting;

/// <summary>A resource's state at one moment, for tables and events.</summary>
/// <param name="Name">The resource name.</param>
/// <param name="Kind">How it runs.</param>
/// <param name="State">Where it is in its life.</param>
/// <param name="Endpoint">Its first endpoint, for display; null if it has none.</param>
/// <param name="ProcessId">The process id while running.</param>
/// <param name="Detail">Why it is in this state, e.g. an exit code.</param>
public sealed record ResourceSnapshot(
    string Name, ResourceKind Kind, ResourceState State, string? Endpoint, int? ProcessId, string? Detail);
