using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using ShLogin.LoginService.Sessions;

namespace ShLogin.LoginService.Endpoints;

/// <summary>
/// <c>GET /auth/check</c>, asked by nginx's <c>auth_request</c> before every app request:
/// 204 for a valid session, 401 otherwise, never a redirect. One cookie decryption and one
/// dictionary lookup; no page, no antiforgery, no logging.
/// </summary>
internal static class CheckEndpoint
{
    public const string Path = "/auth/check";

    public static async Task HandleAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(SessionCookie.Scheme);
        context.Response.StatusCode = result.Succeeded ? StatusCodes.Status204NoContent : StatusCodes.Status401Unauthorized;
    }
}
