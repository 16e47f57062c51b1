namespace ShLogin.Configuration;

/// <summary>When the session cookie carries the Secure attribute (<c>SH_LOGIN_SECURE_COOKIE</c>).</summary>
public enum SecureCookieMode
{
    /// <summary>Secure when the request reached nginx over https.</summary>
    Auto,

    /// <summary>Always Secure.</summary>
    On,

    /// <summary>Never Secure.</summary>
    Off,
}
