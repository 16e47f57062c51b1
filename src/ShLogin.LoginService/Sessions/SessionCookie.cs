using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShLogin.Configuration;
using ShLogin.LoginService.NginxGate;
using ShLogin.Nginx;

namespace ShLogin.LoginService.Sessions;

/// <summary>
/// The session cookie: an encrypted, signed ASP.NET Core authentication ticket holding only a
/// random session id. The cookie proves the id came from this service; the
/// <see cref="ISessionStore"/> decides whether that session still counts.
/// </summary>
internal static class SessionCookie
{
    public const string Scheme = "ShLogin";
    public const string SessionIdClaim = "shlogin:sid";

    public static void Configure(CookieAuthenticationOptions cookie, LoginServiceOptions options)
    {
        cookie.Cookie.Name = options.CookieName;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = SecurePolicyFor(options.SecureCookie);
        cookie.Cookie.Path = "/";
        cookie.Cookie.Domain = options.CookieDomain;
        cookie.Cookie.IsEssential = true;
        cookie.ExpireTimeSpan = options.SessionTtl;
        cookie.SlidingExpiration = false;
        cookie.TimeProvider = options.TimeProvider;
        cookie.Events = new CookieAuthenticationEvents
        {
            OnValidatePrincipal = ValidateAgainstStore,
            // Nothing here challenges, but if anything ever does it must not answer with a redirect.
            OnRedirectToLogin = context => Answer(context.Response, StatusCodes.Status401Unauthorized),
            OnRedirectToAccessDenied = context => Answer(context.Response, StatusCodes.Status403Forbidden),
            OnRedirectToLogout = context => Answer(context.Response, StatusCodes.Status204NoContent),
            OnRedirectToReturnUrl = context => Answer(context.Response, StatusCodes.Status204NoContent),
        };
    }

    public static CookieSecurePolicy SecurePolicyFor(SecureCookieMode mode) => mode switch
    {
        SecureCookieMode.On => CookieSecurePolicy.Always,
        SecureCookieMode.Off => CookieSecurePolicy.None,
        _ => CookieSecurePolicy.SameAsRequest,
    };

    /// <summary>The session id of a valid, unrevoked, unexpired session cookie on this request, or null.</summary>
    public static async Task<string?> CurrentSessionIdAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(Scheme);
        return result.Succeeded ? result.Principal.FindFirstValue(SessionIdClaim) : null;
    }

    /// <summary>
    /// Sets the session cookie for <paramref name="sessionId"/>, ending at <paramref name="expiresAt"/>
    /// whatever happens; with an nginx gate also the gate cookie (see
    /// <see cref="NginxAuthContract.GateCookieSuffix"/>), with the same attributes and expiry.
    /// </summary>
    public static Task SignInAsync(HttpContext context, string sessionId, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        if (GateCookie(context) is var (name, gate))
        {
            gate.Expires = expiresAt;
            context.Response.Cookies.Append(name, SessionGateKey.For(sessionId), gate);
        }

        var identity = new ClaimsIdentity([new Claim(SessionIdClaim, sessionId)], Scheme);
        var properties = new AuthenticationProperties
        {
            IsPersistent = true,
            IssuedUtc = issuedAt,
            ExpiresUtc = expiresAt,
            AllowRefresh = false,
        };
        return context.SignInAsync(Scheme, new ClaimsPrincipal(identity), properties);
    }

    /// <summary>Deletes the session cookie (and the gate cookie, if any) in the browser.</summary>
    public static Task SignOutAsync(HttpContext context)
    {
        if (GateCookie(context) is var (name, gate))
        {
            context.Response.Cookies.Delete(name, gate);
        }

        return context.SignOutAsync(Scheme);
    }

    /// <summary>
    /// The gate cookie's name and the session cookie's attributes (HttpOnly, SameSite, Secure, Path,
    /// Domain) for this request, when the stack has an nginx gate.
    /// </summary>
    private static (string Name, CookieOptions Options)? GateCookie(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<LoginServiceOptions>();
        if (options.NginxGate is null)
        {
            return null;
        }

        var cookie = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(Scheme).Cookie;
        return (NginxAuthContract.GateCookieName(options.CookieName), cookie.Build(context));
    }

    private static Task ValidateAgainstStore(CookieValidatePrincipalContext context)
    {
        var sessionId = context.Principal?.FindFirstValue(SessionIdClaim);
        var store = context.HttpContext.RequestServices.GetRequiredService<ISessionStore>();
        if (sessionId is null || !store.IsActive(sessionId))
        {
            context.RejectPrincipal();
        }

        return Task.CompletedTask;
    }

    private static Task Answer(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
