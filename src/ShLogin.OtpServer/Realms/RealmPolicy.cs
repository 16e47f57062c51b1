namespace ShLogin.OtpServer.Realms;

/// <summary>
/// The realms table: <c>ungleich-admin</c> may do everything, <c>ungleich-auth</c> may verify
/// others, every other realm may do nothing but be verified. The whole of authorisation is here.
/// </summary>
public static class RealmPolicy
{
    /// <summary>The realm that manages entries.</summary>
    public const string Admin = "ungleich-admin";

    /// <summary>The realm of services trusted to verify other services.</summary>
    public const string Auth = "ungleich-auth";

    /// <summary>Whether an entry of <paramref name="realm"/> may do <paramref name="action"/>; realms compare exactly (ordinal).</summary>
    public static bool Allows(string realm, OtpAction action)
    {
        ArgumentNullException.ThrowIfNull(realm);
        return realm switch
        {
            Admin => action is OtpAction.Authenticate or OtpAction.Create or OtpAction.Delete or OtpAction.List or OtpAction.Update,
            Auth => action is OtpAction.Authenticate,
            _ => false,
        };
    }
}
