namespace ShLogin.LoginService.Sessions;

/// <summary>One session of the allow-list.</summary>
/// <param name="SessionId">The random id carried in the session cookie.</param>
/// <param name="ExpiresAt">When the session ends, whatever the browser does.</param>
public sealed record SessionEntry(string SessionId, DateTimeOffset ExpiresAt);
