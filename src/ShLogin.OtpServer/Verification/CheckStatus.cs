namespace ShLogin.OtpServer.Verification;

/// <summary>How a check of a caller or of a verified token ended.</summary>
public enum CheckStatus
{
    /// <summary>Accepted.</summary>
    Ok,

    /// <summary>The caller's own name, realm or token is wrong (403 "Incorrect authentication credentials.").</summary>
    WrongCredentials,

    /// <summary>The caller's realm may not do this, or the verified token is wrong (403 "You do not have permission …").</summary>
    Forbidden,

    /// <summary>Too many failures of this key: wait (429).</summary>
    Throttled,
}
