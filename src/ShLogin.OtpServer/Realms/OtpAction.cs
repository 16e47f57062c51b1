namespace ShLogin.OtpServer.Realms;

/// <summary>What a caller asks the OTP server to do; <see cref="RealmPolicy"/> says which realm may.</summary>
public enum OtpAction
{
    /// <summary>Verify another entry's token (<c>POST /ungleichotp/verify</c>, nginx's check).</summary>
    Authenticate,

    /// <summary>Create an entry.</summary>
    Create,

    /// <summary>Delete an entry.</summary>
    Delete,

    /// <summary>List entries, or read one.</summary>
    List,

    /// <summary>Change an entry.</summary>
    Update,
}
