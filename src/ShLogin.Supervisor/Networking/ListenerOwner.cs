
namespace ShLogin.Supervisor.Networking;

/// <summary>Who listens on a port (see <see cref="ListenerOwnership"/>).</summary>
/// <param name="Kind">Nobody, the app, or another process.</param>
/// <param name="Uid">The user id of the other process's socket; null unless <see cref="ListenerOwnerKind.Other"/>.</param>
/// <param name="Inodes">The app's listening sockets; empty unless <see cref="ListenerOwnerKind.App"/>.</param>
public sealed record ListenerOwner(ListenerOwnerKind Kind, long? Uid, IReadOnlySet<long> Inodes)
{
    /// <summary>Nothing listens.</summary>
    public static ListenerOwner Nobody { get; } = new(ListenerOwnerKind.Nobody, null, new HashSet<long>());

    /// <summary>Every listener is the app's: these sockets.</summary>
    public static ListenerOwner App(IReadOnlySet<long> inodes) => new(ListenerOwnerKind.App, null, inodes);

    /// <summary>A listener that is not the app's, created by <paramref name="uid"/>.</summary>
    public static ListenerOwner Other(long uid) => new(ListenerOwnerKind.Other, uid, new HashSet<long>());
}
