using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using ShLogin.Configuration;
using ShLogin.LoginService.Pages;
using ShLogin.LoginService.RateLimiting;
using ShLogin.LoginService.Security;
using ShLogin.LoginService.Sessions;
using ShLogin.LoginService.Telemetry;
using ShLogin.Secrets;

namespace ShLogin.LoginService.Endpoints;

/// <summary>
/// <c>GET /auth/login</c> (the form, or a one-click login with <c>?token=</c>) and
/// <c>POST /auth/login</c> (the form's submission).
/// </summary>
internal sealed class LoginEndpoint(
    LoginServiceOptions options,
    SignInGuard guard,
    ISessionStore sessions,
    IAntiforgery antiforgery,
    LoginMetrics metrics)
{
    public const string Path = "/auth/login";

    public async Task GetAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var next = NextPath.Sanitize(query["next"]);

        // The one-click URL printed in the terminal. Only in token mode: in token+totp mode the
        // form asks for both, and the token is never copied into the page.
        if (options.Mode == AuthMode.Token && query.ContainsKey("token"))
        {
            await AttemptAsync(context, query["token"], code: null, next, LoginUrl(next), oneClickLink: true);
            return;
        }

        if (await SessionCookie.CurrentSessionIdAsync(context) is not null)
        {
            PageResponse.SeeOther(context, next);
            return;
        }

        await FormAsync(context, StatusCodes.Status200OK, next, message: null);
    }

    public async Task PostAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            metrics.SignInFailed(LoginMetrics.FailureReasons.BadForm);
            await FormAsync(context, StatusCodes.Status400BadRequest, NextPath.Fallback, "The sign-in request was not a form. Please try again.");
            return;
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            // Too many or too long fields, or characters no form may hold (NUL).
            metrics.SignInFailed(LoginMetrics.FailureReasons.BadForm);
            await FormAsync(context, StatusCodes.Status400BadRequest, NextPath.Fallback, "The sign-in form could not be read. Please try again.");
            return;
        }

        var next = NextPath.Sanitize(form["next"]);
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            metrics.SignInFailed(LoginMetrics.FailureReasons.Antiforgery);
            await FormAsync(context, StatusCodes.Status400BadRequest, next, "This form expired. Please sign in again.");
            return;
        }

        await AttemptAsync(context, form["token"], form["code"], next, next, oneClickLink: false);
    }

    private async Task AttemptAsync(HttpContext context, string? token, string? code, string next, string successLocation, bool oneClickLink)
    {
        var outcome = guard.Attempt(TrustedProxy.ClientKey(context), token, code);
        if (outcome.Throttled)
        {
            metrics.Throttled(outcome.Result);
            var seconds = outcome.RetryAfterSeconds;
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await FormAsync(context, StatusCodes.Status429TooManyRequests, next, ThrottledMessage(outcome.Result, seconds));
            return;
        }

        if (outcome.Result != SignInResult.Accepted)
        {
            metrics.SignInFailed(outcome.Failure);
            await FormAsync(context, StatusCodes.Status401Unauthorized, next, FailureMessage());
            return;
        }

        // A fresh session id on every login; whatever session this browser had is revoked.
        if (await SessionCookie.CurrentSessionIdAsync(context) is { } previous && sessions.Remove(previous))
        {
            metrics.SessionRevoked(byLogout: false);
        }

        var now = options.TimeProvider.GetUtcNow();
        var expiresAt = now + options.SessionTtl;
        var sessionId = SecretTokens.NewToken();
        sessions.Add(sessionId, expiresAt);
        await SessionCookie.SignInAsync(context, sessionId, now, expiresAt);
        metrics.SignedIn(options.Mode, oneClickLink);
        PageResponse.SeeOther(context, successLocation);
    }

    private Task FormAsync(HttpContext context, int statusCode, string next, string? message)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var model = new LoginPageModel(
            AskToken: options.RequiresToken,
            AskCode: options.RequiresTotp,
            CodeDigits: options.TotpParameters.Digits,
            Next: next,
            AntiforgeryFieldName: tokens.FormFieldName,
            AntiforgeryToken: tokens.RequestToken ?? "",
            Message: message,
            AppName: options.AppName);
        return PageResponse.HtmlAsync(context, statusCode, LoginPage.Render(model));
    }

    private string FailureMessage() => options.Mode switch
    {
        AuthMode.Token => "That token is not valid.",
        AuthMode.Totp => "That code is not valid, or it was already used. Wait for the next code.",
        _ => "The token or the code is not valid (a code works only once).",
    };

    // After wrong tokens the right one still works: say so, or the user waits minutes for nothing.
    private static string ThrottledMessage(SignInResult result, int seconds) => result == SignInResult.WrongTokenThrottled
        ? $"Too many wrong tokens. The right token still works now; otherwise please wait {seconds} seconds."
        : $"Too many attempts. Please wait {seconds} seconds and try again.";

    private static string LoginUrl(string next) =>
        next == NextPath.Fallback ? Path : $"{Path}?next={Uri.EscapeDataString(next)}";
}
