using Microsoft.AspNetCore.Http;
using ShLogin.LoginService.Pages;

namespace ShLogin.LoginService.Security;

/// <summary>Headers on every page and redirect of the login service: no framing, no caching, no referrer.</summary>
internal static class SecurityHeaders
{
    /// <summary>Headers for an HTML page.</summary>
    public static void ApplyToPage(HttpResponse response)
    {
        ApplyToRedirect(response);
        var headers = response.Headers;
        headers.ContentSecurityPolicy = PageLayout.ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
    }

    /// <summary>Headers for a redirect: it may carry a cookie, and its URL may have held the token.</summary>
    public static void ApplyToRedirect(HttpResponse response)
    {
        var headers = response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers["Referrer-Policy"] = "no-referrer";
    }
}
