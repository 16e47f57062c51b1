using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ShLogin.Demo.Requests;

namespace ShLogin.Demo.Endpoints;

/// <summary>
/// <c>/api/request</c>: the request as JSON, for tests and scripts:
/// <c>{"method", "target", "protocol", "user", "headers": {name: value}}</c>.
/// </summary>
internal static class RequestJson
{
    public static async Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = ReceivedRequest.From(context.Request);
        var response = context.Response;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";

        await using (var writer = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Indented = true }))
        {
            Write(writer, request);
        }

        response.BodyWriter.Write("\n"u8);

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    public static void Write(Utf8JsonWriter writer, ReceivedRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(request);
        writer.WriteStartObject();
        writer.WriteString("method", request.Method);
        writer.WriteString("target", request.Target);
        writer.WriteString("protocol", request.Protocol);
        if (request.User is null)
        {
            writer.WriteNull("user");
        }
        else
        {
            writer.WriteString("user", request.User);
        }

        writer.WriteStartObject("headers");
        foreach (var (name, value) in request.Headers)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
