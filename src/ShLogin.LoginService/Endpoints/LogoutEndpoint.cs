using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using ShLogin.LoginService.Pages;
using ShLogin.LoginService.Sessions;
using ShLogin.LoginService.Telemetry;

namespace ShLogin.LoginService.Endpoints;

/// <summary><c>GET /auth/logout</c> (a page with a button) and <c>POST /auth/logout</c> (revoke and clear).</summary>
internal sealed class LogoutEndpoint(ISessionStore sessions, IAntiforgery antiforgery, LoginMetrics metrics)
{
    public const string Path = "/auth/logout";

    public async Task GetAsync(HttpContext context)
    {
        var signedIn = await SessionCookie.CurrentSessionIdAsync(context) is not null;
        await PageAsync(context, StatusCodes.Status200OK, signedIn, message: null);
    }

    /// <remarks>
    /// Antiforgery tokens are bound to the signed-in session, so a forged post cannot end it.
    /// Without a valid session there is nothing to protect: the (dead) cookie is cleared and the
    /// browser sent to the login page, so a second click on a stale page does no harm.
    /// </remarks>
    public async Task PostAsync(HttpContext context)
    {
        var sessionId = await SessionCookie.CurrentSessionIdAsync(context);
        if (sessionId is not null)
        {
            if (!context.Request.HasFormContentType || !await IsFormValidAsync(context))
            {
                await PageAsync(context, StatusCodes.Status400BadRequest, signedIn: true, "This form expired. Please try again.");
                return;
            }

            if (sessions.Remove(sessionId))
            {
                metrics.SessionRevoked(byLogout: true);
            }
        }

        await SessionCookie.SignOutAsync(context);
        PageResponse.SeeOther(context, LoginEndpoint.Path);
    }

    private async Task<bool> IsFormValidAsync(HttpContext context)
    {
        try
        {
            await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return false;
        }

        return await antiforgery.IsRequestValidAsync(context);
    }

    private Task PageAsync(HttpContext context, int statusCode, bool signedIn, string? message)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = LogoutPage.Render(signedIn, tokens.FormFieldName, tokens.RequestToken ?? "", message);
        return PageResponse.HtmlAsync(context, statusCode, html);
    }
}
