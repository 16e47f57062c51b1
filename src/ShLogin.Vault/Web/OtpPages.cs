using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ShLogin.Secrets;
using ShLogin.Vault.Accounts;
using ShLogin.Vault.Format;
using ShLogin.Vault.Storage;
using ShLogin.Vault.Transfer;

namespace ShLogin.Vault.Web;

/// <summary>The endpoints of the web view. Every page is built here from HTML-encoded values; no external assets.</summary>
internal static class OtpPages
{
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IEndpointRouteBuilder MapOtpPages(this IEndpointRouteBuilder routes, OtpPageState state)
    {
        routes.MapGet("/healthz", Run(_ => Results.Text("ok\n")));
        routes.MapGet("/", Run(http => Page(http, List(state, http.Request.Query["added"], http.Request.Query["error"]))));
        routes.MapGet("/codes.json", Run(http => Codes(http, state)));
        routes.MapGet("/otp.js", Run(http => Asset(http, OtpAssets.Script, "text/javascript; charset=utf-8")));
        routes.MapGet("/otp.css", Run(http => Asset(http, OtpAssets.Style, "text/css; charset=utf-8")));
        routes.MapGet("/remove", Run(http => Page(http, ConfirmRemoval(state, http.Request.Query["name"].ToString()))));
        routes.MapPost("/add", Run(http => AddAsync(http, state)));
        routes.MapPost("/remove", Run(http => RemoveAsync(http, state)));
        return routes;
    }

    private static RequestDelegate Run(Func<HttpContext, IResult> handler) => http => handler(http).ExecuteAsync(http);

    private static RequestDelegate Run(Func<HttpContext, Task<IResult>> handler) => async http => await (await handler(http)).ExecuteAsync(http);

    private static IResult Page(HttpContext http, string body)
    {
        Secure(http);
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="same-origin">
            <title>Authenticator · ShLogin</title>
            <link rel="stylesheet" href="otp.css">
            <script src="otp.js" defer></script>
            </head>
            <body>
            <main>
            <h1>Authenticator</h1>
            {{body}}
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static string List(OtpPageState state, string? added, string? error)
    {
        VaultContents contents;
        try
        {
            contents = state.Store.Read(state.Key);
        }
        catch (Exception e) when (e is VaultFormatException or VaultStoreException)
        {
            return $"""<p class="error" role="alert">The vault cannot be read: {E(e.Message)}</p>""";
        }

        var now = state.Time.GetUtcNow();
        var rows = new StringBuilder();
        foreach (var account in contents.Accounts)
        {
            var code = account.CodeAt(now);
            rows.Append(CultureInfo($"""
                <li class="account" data-name="{E(account.Name.ToLowerInvariant())} {E(account.Issuer.ToLowerInvariant())}" data-period="{account.Parameters.PeriodSeconds}">
                <div class="label"><span class="name">{E(account.Name)}</span><span class="issuer">{E(account.Issuer)}</span></div>
                <output class="code" data-account="{E(account.Name)}">{E(code)}</output>
                <span class="left" aria-label="seconds left">{account.SecondsLeftAt(now)}</span>
                <a class="remove" href="remove?name={Uri.EscapeDataString(account.Name)}" aria-label="Remove {E(account.Name)}">Remove</a>
                </li>
                """));
        }

        var notice = added is { Length: > 0 }
            ? $"""<p class="notice" role="status">Added {E(added)}.</p>"""
            : error is { Length: > 0 } ? $"""<p class="error" role="alert">{E(error)}</p>""" : string.Empty;
        var empty = contents.Accounts.Count == 0 ? """<p class="empty">No accounts yet: add one below.</p>""" : string.Empty;
        return $"""
            {notice}
            <input id="search" type="search" placeholder="Search" aria-label="Search accounts" autocomplete="off">
            {empty}
            <ul id="accounts">
            {rows}
            </ul>
            <details class="add"{(contents.Accounts.Count == 0 ? " open" : string.Empty)}>
            <summary>Add an account</summary>
            <form method="post" action="add" enctype="multipart/form-data">
            <input type="hidden" name="csrf" value="{state.FormToken}">
            <label>otpauth URI <input name="uri" type="password" autocomplete="off" placeholder="otpauth://totp/..."></label>
            <label>or a QR code image <input name="qr" type="file" accept="image/png,image/jpeg"></label>
            <label>Name (optional) <input name="name" autocomplete="off"></label>
            <button type="submit">Add</button>
            </form>
            </details>
            """;
    }

    private static string ConfirmRemoval(OtpPageState state, string name)
    {
        OtpAccount? account;
        try
        {
            account = state.Store.Read(state.Key).Find(name);
        }
        catch (Exception e) when (e is VaultFormatException or VaultStoreException)
        {
            return $"""<p class="error" role="alert">The vault cannot be read: {E(e.Message)}</p>""";
        }

        if (account is null)
        {
            return $"""<p class="error" role="alert">No account named {E(name)}.</p><p><a href="./">Back</a></p>""";
        }

        return $"""
            <p>Remove <strong>{E(account.Name)}</strong>{(account.Issuer.Length > 0 ? $" ({E(account.Issuer)})" : string.Empty)}? Its secret is gone from the vault after this (the previous vault stays in its backup file until the next change).</p>
            <form method="post" action="remove">
            <input type="hidden" name="csrf" value="{state.FormToken}">
            <input type="hidden" name="name" value="{E(account.Name)}">
            <button type="submit" class="danger">Remove</button>
            <a href="./">Cancel</a>
            </form>
            """;
    }

    private static IResult Codes(HttpContext http, OtpPageState state)
    {
        Secure(http);
        VaultContents contents;
        try
        {
            contents = state.Store.Read(state.Key);
        }
        catch (Exception e) when (e is VaultFormatException or VaultStoreException)
        {
            return Results.Text(e.Message + "\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var now = state.Time.GetUtcNow();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("now", now.ToUnixTimeSeconds());
            json.WriteStartArray("accounts");
            foreach (var account in contents.Accounts)
            {
                json.WriteStartObject();
                json.WriteString("name", account.Name);
                json.WriteString("issuer", account.Issuer);
                json.WriteString("code", account.CodeAt(now));
                json.WriteNumber("left", account.SecondsLeftAt(now));
                json.WriteNumber("period", account.Parameters.PeriodSeconds);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Results.Bytes(buffer.ToArray(), "application/json");
    }

    private static async Task<IResult> AddAsync(HttpContext http, OtpPageState state)
    {
        if (await CheckFormAsync(http, state) is { } refused)
        {
            return refused;
        }

        var form = http.Request.Form;
        try
        {
            string uri;
            if (form.Files.GetFile("qr") is { Length: > 0 } image)
            {
                using var stream = new MemoryStream();
                await image.CopyToAsync(stream, http.RequestAborted);
                uri = QrImage.Decode(stream.ToArray());
            }
            else if (form["uri"].ToString() is { Length: > 0 } pasted)
            {
                uri = pasted;
            }
            else
            {
                return Back("give an otpauth URI or a QR code image");
            }

            var name = form["name"].ToString().Trim();
            if (name.Length > 0 && !OtpAccount.IsValidName(name))
            {
                return Back($"the name is not accepted: {OtpAccount.NameAccepted}");
            }

            var imported = OtpAuthUriParser.Parse(uri);
            var added = state.Store.Update(state.Key, contents => imported.AddTo(contents, name.Length > 0 ? name : null));
            return SeeOther("./?added=" + Uri.EscapeDataString(added.Name));
        }
        catch (Exception e) when (e is TransferException or VaultContentException or VaultFormatException or VaultStoreException)
        {
            return Back(e.Message);
        }
    }

    private static async Task<IResult> RemoveAsync(HttpContext http, OtpPageState state)
    {
        if (await CheckFormAsync(http, state) is { } refused)
        {
            return refused;
        }

        try
        {
            var name = http.Request.Form["name"].ToString();
            state.Store.Update(state.Key, contents => contents.Remove(name));
            return SeeOther("./");
        }
        catch (Exception e) when (e is VaultContentException or VaultFormatException or VaultStoreException)
        {
            return Back(e.Message);
        }
    }

    /// <summary>
    /// A form must come from this origin: the token of the page (another site cannot read it),
    /// and no cross-site Origin or Sec-Fetch-Site.
    /// </summary>
    private static async Task<IResult?> CheckFormAsync(HttpContext http, OtpPageState state)
    {
        var request = http.Request;
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return Results.Text("cross-site form refused\n", statusCode: StatusCodes.Status403Forbidden);
        }

        // Behind the stack's proxy, Host names the socket's upstream; the proxy passes the browser's Host (it overwrites any the browser sent).
        var host = request.Headers["X-Forwarded-Host"].ToString() is { Length: > 0 } forwarded ? forwarded : request.Host.Value;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && (!Uri.TryCreate(origin, UriKind.Absolute, out var originUri) || !string.Equals(originUri.Authority, host, StringComparison.OrdinalIgnoreCase)))
        {
            return Results.Text("cross-origin form refused\n", statusCode: StatusCodes.Status403Forbidden);
        }

        if (!request.HasFormContentType)
        {
            return Results.Text("expected a form\n", statusCode: StatusCodes.Status400BadRequest);
        }

        var form = await request.ReadFormAsync(http.RequestAborted);
        return state.IsFormToken(form["csrf"].ToString())
            ? null
            : Results.Text("the form's token is missing or stale; reload the page\n", statusCode: StatusCodes.Status403Forbidden);
    }

    private static SeeOtherResult Back(string error) => SeeOther("./?error=" + Uri.EscapeDataString(error));

    private static SeeOtherResult SeeOther(string location) => new SeeOtherResult(location);

    private static IResult Asset(HttpContext http, string content, string type)
    {
        Secure(http);
        return Results.Text(content, type);
    }

    private static void Secure(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on form posts, which the check below refuses.
        headers["Referrer-Policy"] = "same-origin";
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static string CultureInfo(FormattableString text) => FormattableString.Invariant(text);

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            httpContext.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }
    }
}
