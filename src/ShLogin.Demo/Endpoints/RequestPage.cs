using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using ShLogin.Demo.Requests;
using ShLogin.Nginx;

namespace ShLogin.Demo.Endpoints;

/// <summary>
/// The page: the request it received (every value HTML-encoded: headers are whatever the client
/// sent), the signed-in user, a link to log out and a WebSocket echo box.
/// </summary>
internal static class RequestPage
{
    public const string Title = "ShLogin demo";

    public static Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var html = Render(ReceivedRequest.From(context.Request));
        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        var headers = response.Headers;
        headers.ContentSecurityPolicy = PageAssets.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        return response.WriteAsync(html, context.RequestAborted);
    }

    public static string Render(ReceivedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = new StringBuilder(4096);
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<meta name=\"robots\" content=\"noindex\">")
            .Append("<title>").Append(Title).Append("</title>")
            .Append("<style>").Append(PageAssets.Style).Append("</style></head>\n<body><main>\n");

        page.Append("<header><h1>").Append(Title).Append("</h1>")
            .Append("<a class=\"logout\" href=\"").Append(DemoPaths.Logout).Append("\">Log out</a></header>\n");

        if (request.User is { } user)
        {
            page.Append("<p class=\"user\">Signed in as <strong>").Append(Encode(user)).Append("</strong>.</p>\n");
        }
        else
        {
            page.Append("<p class=\"user muted\">This request carries no <code>").Append(NginxAuthContract.UserHeader)
                .Append("</code> header: it did not come through ShLogin's nginx.</p>\n");
        }

        page.Append("<p>This app has no login of its own: it is only reachable through ShLogin, which checked ")
            .Append("your token or code before passing this request on.</p>\n");

        AppendRequest(page, request);
        AppendEcho(page);
        page.Append("</main><script>").Append(PageAssets.Script).Append("</script></body></html>\n");
        return page.ToString();
    }

    private static void AppendRequest(StringBuilder page, ReceivedRequest request)
    {
        page.Append("<section aria-labelledby=\"request-title\"><h2 id=\"request-title\">The request this app received</h2>\n")
            .Append("<code class=\"line\">").Append(Encode(request.Method)).Append(' ')
            .Append(Encode(request.Target)).Append(' ').Append(Encode(request.Protocol)).Append("</code>\n")
            .Append("<table><thead><tr><th scope=\"col\">Header</th><th scope=\"col\">Value</th></tr></thead><tbody>\n");

        foreach (var (name, value) in request.Headers)
        {
            page.Append(ReceivedRequest.IsUserHeader(name) ? "<tr class=\"user-header\">" : "<tr>")
                .Append("<th scope=\"row\" class=\"mono\">").Append(Encode(name)).Append("</th>")
                .Append("<td class=\"mono\">").Append(Encode(value)).Append("</td></tr>\n");
        }

        page.Append("</tbody></table>\n")
            .Append("<p class=\"muted\">Credentials are hidden: cookie values, <code>Authorization</code> and secret headers. ")
            .Append("The same as JSON: <a href=\"").Append(DemoPaths.RequestApi).Append("\">")
            .Append(DemoPaths.RequestApi).Append("</a>.</p></section>\n");
    }

    private static void AppendEcho(StringBuilder page)
    {
        page.Append("<section aria-labelledby=\"echo-title\"><h2 id=\"echo-title\">WebSocket echo</h2>\n")
            .Append("<p>WebSockets pass through ShLogin too. Connection to <code>").Append(DemoPaths.WebSocket)
            .Append("</code>: <span id=\"ws-state\" role=\"status\">not connected (needs JavaScript)</span></p>\n")
            .Append("<form id=\"ws-form\" autocomplete=\"off\"><label for=\"ws-text\" class=\"visually-hidden\">Message</label>")
            .Append("<input id=\"ws-text\" maxlength=\"1000\" placeholder=\"Type a message\"><button type=\"submit\">Send</button></form>\n")
            .Append("<ol id=\"ws-log\" aria-live=\"polite\"></ol></section>\n");
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
