
namespace ShLogin.Supervisor.Networking;

/// <summary>Who listens on a port.</summary>
public enum ListenerOwnerKind
{
    /// <summary>Nothing listens on it.</summary>
    Nobody,

    /// <summary>The app does (every listener that takes its connections is the app's).</summary>
    App,

    /// <summary>A process that is not the app holds a listener that takes its connections.</summary>
    Other,
}
