using ShLogin.Configuration;
using ShLogin.LoginService.NginxGate;
using ShLogin.LoginService.Proxy;
using ShLogin.Nginx;
using ShLogin.Secrets;

namespace ShLogin.LoginService;

/// <summary>
/// Everything the login service needs, fixed before it starts. <see cref="Validate"/> (called by
/// <see cref="LoginServiceApp.Create"/>) names each wrong value and what is accepted.
/// </summary>
/// <remarks>
/// A class rather than a record so that no generated <c>ToString</c> ever prints the token or
/// the TOTP secret.
/// </remarks>
public sealed class LoginServiceOptions
{
    /// <summary>The cookie name used when <see cref="CookieName"/> is not set.</summary>
    public const string DefaultCookieName = NginxAuthContract.DefaultSessionCookieName;

    /// <summary>Inputs longer than this are rejected before any comparison; a longer token could never be typed in.</summary>
    public const int MaxCredentialLength = 1024;

    /// <summary>The session lifetime used when <see cref="SessionTtl"/> is not set.</summary>
    public static readonly TimeSpan DefaultSessionTtl = TimeSpan.FromHours(12);

    /// <summary>The longest accepted <see cref="SessionTtl"/>.</summary>
    public static readonly TimeSpan MaxSessionTtl = TimeSpan.FromDays(366);

    /// <summary>The shortest accepted TOTP secret, in bytes (80 bits, what common authenticator apps create).</summary>
    public const int MinTotpSecretBytes = 10;

    /// <summary>The protected app's name, shown on the login page ("Sign in to Jupyter Notebook"); null for a plain "Sign in".</summary>
    public string? AppName { get; init; }

    /// <summary>What a browser must prove.</summary>
    public AuthMode Mode { get; init; } = AuthMode.Token;

    /// <summary>The startup token; required when <see cref="Mode"/> includes a token.</summary>
    public string? Token { get; init; }

    /// <summary>The raw TOTP key; required when <see cref="Mode"/> includes TOTP.</summary>
    public byte[]? TotpSecret { get; init; }

    /// <summary>Algorithm, digits and period of the TOTP codes.</summary>
    public TotpParameters TotpParameters { get; init; } = TotpParameters.Default;

    /// <summary>Absolute lifetime of a session; never extended by activity.</summary>
    public TimeSpan SessionTtl { get; init; } = DefaultSessionTtl;

    /// <summary>The cookie's Domain attribute (SSO across subdomains); null for a host-only cookie.</summary>
    public string? CookieDomain { get; init; }

    /// <summary>When cookies carry the Secure attribute.</summary>
    public SecureCookieMode SecureCookie { get; init; } = SecureCookieMode.Auto;

    /// <summary>
    /// Private directory for the Data Protection keys and the session store. Created 0700 when
    /// missing; what the service creates inside is 0700 (directories) and 0600 (files).
    /// </summary>
    public string DataDirectory { get; init; } = "";

    /// <summary>Name of the session cookie.</summary>
    public string CookieName { get; init; } = DefaultCookieName;

    /// <summary>
    /// nginx's session map, kept up to date so that nginx lets listed sessions through without
    /// asking <c>/auth/check</c>; null (the default) when nginx asks about every request.
    /// </summary>
    public NginxGateOptions? NginxGate { get; init; }

    /// <summary>
    /// The built-in proxy: the service also listens on the public port and forwards signed-in
    /// requests to the app itself, where no nginx is in front of it; null (the default) behind nginx.
    /// </summary>
    public BuiltinProxyOptions? BuiltinProxy { get; init; }

    /// <summary>The clock of sessions, TOTP and brute-force limits (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>True when the mode asks for the token.</summary>
    public bool RequiresToken => Mode is AuthMode.Token or AuthMode.TokenAndTotp;

    /// <summary>True when the mode asks for a TOTP code.</summary>
    public bool RequiresTotp => Mode is AuthMode.Totp or AuthMode.TokenAndTotp;

    /// <summary>Every problem with these options, each as one line; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate() => LoginServiceOptionsValidator.Validate(this);

    /// <summary>Throws <see cref="LoginServiceOptionsException"/> naming every problem, if any.</summary>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new LoginServiceOptionsException(string.Join(" ", errors));
        }
    }
}
