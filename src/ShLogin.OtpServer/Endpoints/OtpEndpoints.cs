using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ShLogin.OtpServer.Realms;
using ShLogin.OtpServer.Secrets;
using ShLogin.OtpServer.Storage;
using ShLogin.OtpServer.Totp;
using ShLogin.OtpServer.Verification;

namespace ShLogin.OtpServer.Endpoints;

/// <summary>
/// The REST contract under <c>/ungleichotp/</c>: <c>verify</c> takes everything in its JSON body
/// (the seed's contract); managing entries takes the caller's credentials from the
/// <c>X-OTP-Name</c>, <c>X-OTP-Realm</c> and <c>X-OTP-Token</c> headers, as nginx's
/// <c>auth</c> check does for the entry it checks.
/// </summary>
public static class OtpEndpoints
{
    /// <summary>The prefix of every endpoint.</summary>
    public const string Prefix = "/ungleichotp";

    /// <summary>nginx's auth_request check.</summary>
    public const string GatewayPath = Prefix + "/auth";

    /// <summary>Header: the entry's name.</summary>
    public const string NameHeader = "X-OTP-Name";

    /// <summary>Header: the entry's realm.</summary>
    public const string RealmHeader = "X-OTP-Realm";

    /// <summary>Header: the entry's current code.</summary>
    public const string TokenHeader = "X-OTP-Token";

    /// <summary>Header nginx may set: the only realm its location accepts.</summary>
    public const string RequireRealmHeader = "X-OTP-Require-Realm";

    /// <summary>Header nginx sets: the client's address (trusted only from a unix socket or loopback).</summary>
    public const string RealIpHeader = "X-Real-IP";

    /// <summary>Maps every endpoint.</summary>
    public static IEndpointRouteBuilder MapOtpServer(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Routing ignores a trailing slash: "/ungleichotp/verify/" (Django's spelling) matches too.
        endpoints.MapPost(Prefix + "/verify", (RequestDelegate)VerifyAsync);
        endpoints.MapMethods(GatewayPath, ["GET", "HEAD"], (RequestDelegate)GatewayAsync);
        endpoints.MapGet(Prefix, (RequestDelegate)ListAsync);
        endpoints.MapPost(Prefix, (RequestDelegate)CreateAsync);
        endpoints.MapGet(Prefix + "/{appuuid:guid}", (RequestDelegate)GetAsync);
        endpoints.MapMethods(Prefix + "/{appuuid:guid}", ["PUT", "PATCH"], (RequestDelegate)UpdateAsync);
        endpoints.MapDelete(Prefix + "/{appuuid:guid}", (RequestDelegate)DeleteAsync);
        return endpoints;
    }

    private static Task VerifyAsync(HttpContext context) => Answer(context, async (verifier, _) =>
    {
        var fields = await RequestFields.ReadAsync(context.Request, context.RequestAborted);
        if (fields.Required("version") != "1")
        {
            throw new RequestFieldException("field 'version': only \"1\" is supported");
        }

        var caller = new Credentials(
            EntryNames.Require("name", fields.Required("name")),
            EntryNames.Require("realm", fields.Required("realm")),
            fields.Required("token"));
        var subject = new Credentials(
            EntryNames.Require("verifyname", fields.Required("verifyname")),
            EntryNames.Require("verifyrealm", fields.Required("verifyrealm")),
            fields.Required("verifytoken"));
        var result = await verifier.VerifyAsync(caller, subject, ClientOf(context), context.RequestAborted);
        return OtpResponses.Refusal(result, context)
            ?? Results.Json(new StatusResponse("OK"), OtpJsonContext.Default.StatusResponse);
    });

    private static async Task GatewayAsync(HttpContext context)
    {
        var verifier = context.RequestServices.GetRequiredService<OtpVerifier>();
        var subject = HeaderCredentials(context.Request);
        IResult answer;
        if (subject is null)
        {
            answer = OtpResponses.Detail(StatusCodes.Status401Unauthorized, $"send {NameHeader}, {RealmHeader} and {TokenHeader}");
        }
        else if (context.Request.Headers[RequireRealmHeader] is { Count: > 0 } required && !required.Contains(subject.Realm))
        {
            // Refused before the code is looked at: a code meant for another site is not spent here.
            answer = OtpResponses.Detail(StatusCodes.Status403Forbidden, OtpResponses.NoPermission);
        }
        else
        {
            var result = await verifier.CheckForGatewayAsync(subject, GatewayClientOf(context), context.RequestAborted);
            answer = result.Status switch
            {
                CheckStatus.Ok => Verified(context, subject),
                CheckStatus.WrongCredentials => OtpResponses.Detail(StatusCodes.Status401Unauthorized, OtpResponses.IncorrectCredentials),

                // nginx's auth_request takes only 2xx, 401 and 403; anything else would be its 500.
                _ => OtpResponses.Detail(StatusCodes.Status403Forbidden, result.Status == CheckStatus.Throttled ? "Request was throttled." : OtpResponses.NoPermission),
            };
        }

        await answer.ExecuteAsync(context);
    }

    private static IResult Verified(HttpContext context, Credentials subject)
    {
        context.Response.Headers["X-OTP-Verified-Name"] = subject.Name;
        context.Response.Headers["X-OTP-Verified-Realm"] = subject.Realm;
        return Results.NoContent();
    }

    private static Task ListAsync(HttpContext context) => Manage(context, OtpAction.List, async (store, _) =>
    {
        var entries = await store.ListAsync(context.RequestAborted);
        return Results.Json(entries.Select(View).ToList(), OtpJsonContext.Default.ListEntryResponse);
    });

    private static Task GetAsync(HttpContext context) => Manage(context, OtpAction.List, async (store, _) =>
    {
        var entry = await store.GetAsync(IdOf(context), context.RequestAborted);
        return entry is null
            ? OtpResponses.Detail(StatusCodes.Status404NotFound, OtpResponses.NotFound)
            : Results.Json(View(entry), OtpJsonContext.Default.EntryResponse);
    });

    private static Task CreateAsync(HttpContext context) => Manage(context, OtpAction.Create, async (store, services) =>
    {
        var fields = await RequestFields.ReadAsync(context.Request, context.RequestAborted);
        var name = EntryNames.Require("name", fields.Required("name"));
        var realm = EntryNames.Require("realm", fields.Required("realm"));
        var username = EntryNames.RequireUsername("username", fields.Optional("username") ?? string.Empty);
        var trusted = fields.OptionalBoolean("trusted") ?? false;
        var id = Guid.NewGuid();
        var seed = TotpCheck.NewSeed();
        try
        {
            var cipher = services.GetRequiredService<SeedCipher>();
            var time = services.GetRequiredService<TimeProvider>();
            var entry = new OtpEntry(id, name, realm, username, trusted, cipher.Encrypt(id, seed), time.GetUtcNow());
            if (!await store.TryCreateAsync(entry, context.RequestAborted))
            {
                return OtpResponses.Detail(StatusCodes.Status400BadRequest, "an entry with this name exists in this realm");
            }

            return Results.Json(
                new CreatedEntryResponse(id.ToString("D"), name, realm, username, trusted, TotpCheck.ToBase32(seed)),
                OtpJsonContext.Default.CreatedEntryResponse,
                statusCode: StatusCodes.Status201Created);
        }
        finally
        {
            Array.Clear(seed);
        }
    });

    private static Task UpdateAsync(HttpContext context) => Manage(context, OtpAction.Update, async (store, _) =>
    {
        var fields = await RequestFields.ReadAsync(context.Request, context.RequestAborted);
        var changes = new OtpEntryChanges(
            fields.Optional("name") is { } name ? EntryNames.Require("name", name) : null,
            fields.Optional("realm") is { } realm ? EntryNames.Require("realm", realm) : null,
            fields.Optional("username") is { } username ? EntryNames.RequireUsername("username", username) : null,
            fields.OptionalBoolean("trusted"));
        if (fields.Optional("seed") is not null || fields.Optional("appuuid") is not null)
        {
            throw new RequestFieldException("'seed' and 'appuuid' cannot be changed (create a new entry instead)");
        }

        var id = IdOf(context);
        return await store.UpdateAsync(id, changes, context.RequestAborted) switch
        {
            UpdateOutcome.Updated when await store.GetAsync(id, context.RequestAborted) is { } entry =>
                Results.Json(View(entry), OtpJsonContext.Default.EntryResponse),
            UpdateOutcome.NameTaken => OtpResponses.Detail(StatusCodes.Status400BadRequest, "an entry with this name exists in this realm"),
            _ => OtpResponses.Detail(StatusCodes.Status404NotFound, OtpResponses.NotFound),
        };
    });

    private static Task DeleteAsync(HttpContext context) => Manage(context, OtpAction.Delete, async (store, _) =>
        await store.DeleteAsync(IdOf(context), context.RequestAborted)
            ? Results.NoContent()
            : OtpResponses.Detail(StatusCodes.Status404NotFound, OtpResponses.NotFound));

    /// <summary>Authenticates the caller from its headers, checks its realm may do <paramref name="action"/>, then runs <paramref name="handle"/>.</summary>
    private static Task Manage(HttpContext context, OtpAction action, Func<IOtpStore, IServiceProvider, Task<IResult>> handle) =>
        Answer(context, async (verifier, services) =>
        {
            var caller = HeaderCredentials(context.Request);
            if (caller is null)
            {
                return OtpResponses.Detail(StatusCodes.Status403Forbidden, OtpResponses.IncorrectCredentials);
            }

            var result = await verifier.AuthorizeAsync(caller, ClientOf(context), action, context.RequestAborted);
            return OtpResponses.Refusal(result, context) ?? await handle(services.GetRequiredService<IOtpStore>(), services);
        });

    private static async Task Answer(HttpContext context, Func<OtpVerifier, IServiceProvider, Task<IResult>> handle)
    {
        IResult answer;
        try
        {
            answer = await handle(context.RequestServices.GetRequiredService<OtpVerifier>(), context.RequestServices);
        }
        catch (RequestFieldException e)
        {
            answer = OtpResponses.Detail(StatusCodes.Status400BadRequest, e.Message);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            answer = OtpResponses.Detail(StatusCodes.Status400BadRequest, $"request body larger than {RequestFields.MaxBodyBytes} bytes");
        }

        context.Response.Headers.CacheControl = "no-store";
        await answer.ExecuteAsync(context);
    }

    private static Credentials? HeaderCredentials(HttpRequest request)
    {
        var name = Single(request, NameHeader);
        var realm = Single(request, RealmHeader);
        var token = Single(request, TokenHeader);
        return name is not null && realm is not null && token is not null && EntryNames.IsValid(name) && EntryNames.IsValid(realm) && token.Length <= 64
            ? new Credentials(name, realm, token)
            : null;
    }

    private static string? Single(HttpRequest request, string header) =>
        request.Headers[header] is { Count: 1 } values ? values[0] : null;

    private static Guid IdOf(HttpContext context) =>
        Guid.Parse((string)context.Request.RouteValues["appuuid"]!);

    private static EntryResponse View(OtpEntry entry) =>
        new(entry.Id.ToString("D"), entry.Name, entry.Realm, entry.Username, entry.Trusted);

    /// <summary>The client address failures count against; "local" for a unix socket.</summary>
    private static string ClientOf(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address ? Normalize(address) : "local";

    /// <summary>For nginx's check: the address nginx says the client has, when nginx is the one asking (unix socket or loopback).</summary>
    private static string GatewayClientOf(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if ((remote is null || IPAddress.IsLoopback(remote))
            && Single(context.Request, RealIpHeader) is { Length: <= 45 } text && IPAddress.TryParse(text, out var real))
        {
            return Normalize(real);
        }

        return ClientOf(context);
    }

    private static string Normalize(IPAddress address) =>
        (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
