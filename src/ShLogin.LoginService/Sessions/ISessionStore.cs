namespace ShLogin.LoginService.Sessions;

/// <summary>
/// The allow-list of sessions: a session cookie is only honoured while its session id is here
/// and unexpired, so a logout revokes the session on the server and not just in the browser.
/// </summary>
public interface ISessionStore
{
    /// <summary>Raised after a session was added, removed (logout) or dropped because it expired.</summary>
    event EventHandler<SessionChangedEventArgs>? Changed;

    /// <summary>Adds a session valid until <paramref name="expiresAt"/>.</summary>
    void Add(string sessionId, DateTimeOffset expiresAt);

    /// <summary>True when the session exists and has not expired. Called on every app request: must be cheap.</summary>
    bool IsActive(string sessionId);

    /// <summary>Revokes a session; false when it did not exist.</summary>
    bool Remove(string sessionId);

    /// <summary>Drops every session whose lifetime has ended (raising <see cref="Changed"/> for each); returns how many.</summary>
    int RemoveExpired();

    /// <summary>The sessions active now.</summary>
    IReadOnlyList<SessionEntry> ListActive();
}
