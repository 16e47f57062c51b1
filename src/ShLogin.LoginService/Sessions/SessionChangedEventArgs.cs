namespace ShLogin.LoginService.Sessions;

/// <summary>Tells a subscriber of <see cref="ISessionStore.Changed"/> which session changed and how.</summary>
public sealed class SessionChangedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public SessionChangedEventArgs(SessionChangeKind kind, SessionEntry session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Kind = kind;
        Session = session;
    }

    /// <summary>What happened.</summary>
    public SessionChangeKind Kind { get; }

    /// <summary>The session it happened to.</summary>
    public SessionEntry Session { get; }
}
