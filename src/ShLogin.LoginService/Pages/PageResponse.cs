using Microsoft.AspNetCore.Http;
using ShLogin.LoginService.Security;

namespace ShLogin.LoginService.Pages;

/// <summary>Writes pages and redirects with the security headers they need.</summary>
internal static class PageResponse
{
    public static Task HtmlAsync(HttpContext context, int statusCode, string html)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        SecurityHeaders.ApplyToPage(response);
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync(html, context.RequestAborted);
    }

    /// <summary>A 303 See Other: the browser follows it with a GET whatever the request was.</summary>
    public static void SeeOther(HttpContext context, string location)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status303SeeOther;
        SecurityHeaders.ApplyToRedirect(response);
        response.Headers.Location = location;
    }
}
