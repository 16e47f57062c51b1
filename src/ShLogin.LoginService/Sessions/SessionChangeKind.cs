namespace ShLogin.LoginService.Sessions;

/// <summary>What happened to a session.</summary>
public enum SessionChangeKind
{
    /// <summary>A login created it.</summary>
    Added,

    /// <summary>A logout revoked it.</summary>
    Removed,

    /// <summary>Its lifetime ended and it was dropped.</summary>
    Expired,
}
