namespace ShLogin.Configuration;

/// <summary>
/// The user name <c>/auth/check</c> reports in <see cref="Nginx.NginxAuthContract.UserHeader"/> for a valid session. ShLogin
/// has one user per instance, so the name says how that user proved themselves.
/// </summary>
public static class SessionUser
{
    /// <summary>The name for sessions of an instance running in <paramref name="mode"/>.</summary>
    public static string NameFor(AuthMode mode) => mode switch
    {
        AuthMode.Token => "token-user",
        AuthMode.Totp => "totp-user",
        AuthMode.TokenAndTotp => "token-totp-user",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown authentication mode."),
    };
}
