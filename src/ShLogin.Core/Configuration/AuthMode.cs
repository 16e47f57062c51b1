namespace ShLogin.Configuration;

/// <summary>What a browser must prove to get a session (<c>SH_LOGIN_MODE</c>).</summary>
public enum AuthMode
{
    /// <summary>The startup token (<c>token</c>).</summary>
    Token,

    /// <summary>A code from a TOTP authenticator (<c>totp</c>).</summary>
    Totp,

    /// <summary>Both the token and a TOTP code (<c>token+totp</c>).</summary>
    TokenAndTotp,
}
