namespace ShLogin.OtpServer.Storage;

/// <summary>How an update ended.</summary>
public enum UpdateOutcome
{
    /// <summary>Changed.</summary>
    Updated,

    /// <summary>No such entry.</summary>
    NotFound,

    /// <summary>Another entry has that name in that realm.</summary>
    NameTaken,
}
