using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;

namespace ShLogin.LoginService.Pages;

/// <summary>The frame of every page: one inline stylesheet, allowed by its hash in the CSP.</summary>
internal static class PageLayout
{
    private const string Style =
        ":root{color-scheme:light dark;--fg:#1b1f24;--bg:#f4f6f8;--card:#fff;--line:#c9d1d9;--accent:#0b5fff;--bad:#b42318}" +
        "@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--card:#161b22;--line:#30363d;--accent:#4c8dff;--bad:#ff7b72}}" +
        "*{box-sizing:border-box}" +
        "body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:var(--bg);color:var(--fg);" +
        "font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;padding:1rem}" +
        "main{width:100%;max-width:22rem;background:var(--card);border:1px solid var(--line);border-radius:.75rem;padding:1.5rem}" +
        "h1{font-size:1.35rem;margin:0 0 1rem}" +
        "label{display:block;font-weight:600;margin:.75rem 0 .25rem}" +
        "input{width:100%;font:inherit;padding:.6rem .7rem;border:1px solid var(--line);border-radius:.5rem;background:transparent;color:inherit}" +
        "input:focus,button:focus{outline:3px solid var(--accent);outline-offset:1px}" +
        "button{width:100%;margin-top:1.25rem;font:inherit;font-weight:600;padding:.65rem;border:0;border-radius:.5rem;background:var(--accent);color:#fff;cursor:pointer}" +
        ".msg{margin:0 0 .5rem;padding:.5rem .7rem;border-left:4px solid var(--bad);color:var(--bad)}" +
        "p{margin:.5rem 0}a{color:var(--accent)}";

    /// <summary>The Content-Security-Policy of every page: nothing but this stylesheet and forms to this site.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>A whole HTML document; <paramref name="title"/> is encoded here, <paramref name="bodyHtml"/> must already be safe HTML.</summary>
    public static string Render(string title, string bodyHtml)
    {
        var encodedTitle = HtmlEncoder.Default.Encode(title);
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">" +
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">" +
            "<meta name=\"robots\" content=\"noindex\">" +
            $"<title>{encodedTitle}</title><style>{Style}</style></head>" +
            $"<body><main>{bodyHtml}</main></body></html>\n";
    }

    /// <summary>A message paragraph announced by screen readers, or nothing.</summary>
    public static string Message(string? message) =>
        message is null ? "" : $"<p class=\"msg\" role=\"alert\">{HtmlEncoder.Default.Encode(message)}</p>";

    /// <summary>The hidden antiforgery field.</summary>
    public static string AntiforgeryField(string fieldName, string token) =>
        $"<input type=\"hidden\" name=\"{HtmlEncoder.Default.Encode(fieldName)}\" value=\"{HtmlEncoder.Default.Encode(token)}\">";
}
