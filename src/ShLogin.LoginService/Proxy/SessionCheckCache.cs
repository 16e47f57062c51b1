using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using ShLogin.LoginService.Sessions;

namespace ShLogin.LoginService.Proxy;

/// <summary>
/// The built-in proxy's session check on every app request. Decrypting the session cookie
/// (Data Protection derives its keys anew for each one) costs more than forwarding the request,
/// so a cookie value that decrypted once is remembered with its session id and expiry; the
/// session list is still asked on every request, so a logout counts at once. Only the exact
/// bytes that were verified are remembered, and a full cache is simply emptied.
/// </summary>
internal sealed class SessionCheckCache(LoginServiceOptions options, ISessionStore sessions)
{
    private const int MaxEntries = 4096;

    // ASP.NET Core splits a large cookie into chunks; ShLogin's is small, but such a value is never cached.
    private const string ChunkedPrefix = "chunks-";

    private readonly ConcurrentDictionary<string, (string SessionId, DateTimeOffset ExpiresAt)> verified = new(StringComparer.Ordinal);

    /// <summary>True when the request carries a valid session cookie of an active session.</summary>
    public async ValueTask<bool> IsSignedInAsync(HttpContext context)
    {
        var cookie = context.Request.Cookies[options.CookieName];
        if (string.IsNullOrEmpty(cookie))
        {
            return false;
        }

        var now = options.TimeProvider.GetUtcNow();
        if (verified.TryGetValue(cookie, out var known))
        {
            if (known.ExpiresAt > now && sessions.IsActive(known.SessionId))
            {
                return true;
            }

            verified.TryRemove(cookie, out _);
            return false;
        }

        var result = await context.AuthenticateAsync(SessionCookie.Scheme);
        if (!result.Succeeded)
        {
            return false;
        }

        if (!cookie.StartsWith(ChunkedPrefix, StringComparison.Ordinal)
            && result.Principal.FindFirstValue(SessionCookie.SessionIdClaim) is { } sessionId
            && result.Properties.ExpiresUtc is { } expiresAt)
        {
            if (verified.Count >= MaxEntries)
            {
                verified.Clear();
            }

            verified[cookie] = (sessionId, expiresAt);
        }

        return true;
    }
}
