using System.Text.Json;

namespace ShLogin.OtpServer.Endpoints;

/// <summary>
/// The fields of one JSON object from a request body, read strictly: at most
/// <see cref="MaxBodyBytes"/> bytes, a single object, each field once, strings where strings are
/// expected. Any problem is one <see cref="RequestFieldException"/> whose message the client sees.
/// </summary>
public sealed class RequestFields
{
    /// <summary>The largest body accepted.</summary>
    public const int MaxBodyBytes = 8 * 1024;

    /// <summary>Longest string field.</summary>
    public const int MaxStringLength = 256;

    private const string NotText = "malformed JSON (not valid UTF-8 text)";

    private readonly Dictionary<string, JsonElement> _fields;

    private RequestFields(Dictionary<string, JsonElement> fields) => _fields = fields;

    /// <summary>Reads and parses the body of <paramref name="request"/>.</summary>
    public static async Task<RequestFields> ReadAsync(Microsoft.AspNetCore.Http.HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBodyBytes)
        {
            throw new RequestFieldException($"request body larger than {MaxBodyBytes} bytes");
        }

        var buffer = new byte[MaxBodyBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        if (total > MaxBodyBytes)
        {
            throw new RequestFieldException($"request body larger than {MaxBodyBytes} bytes");
        }

        return Parse(buffer.AsMemory(0, total));
    }

    /// <summary>Parses <paramref name="body"/> (UTF-8 JSON).</summary>
    public static RequestFields Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 4, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new RequestFieldException($"malformed JSON ({FirstSentence(e.Message)}); send one JSON object");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new RequestFieldException("the body must be one JSON object");
            }

            var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            try
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (!fields.TryAdd(property.Name, property.Value.Clone()))
                    {
                        throw new RequestFieldException($"field '{Printable(property.Name)}' given twice");
                    }
                }
            }
            catch (InvalidOperationException e)
            {
                throw new RequestFieldException(NotText, e);
            }

            return new RequestFields(fields);
        }
    }

    /// <summary>A required string field.</summary>
    public string Required(string name) =>
        Optional(name) ?? throw new RequestFieldException($"missing field '{name}'");

    /// <summary>A string field, or null when absent.</summary>
    public string? Optional(string name)
    {
        if (!_fields.TryGetValue(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new RequestFieldException($"field '{name}' must be a string");
        }

        string text;
        try
        {
            text = value.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException e)
        {
            // Invalid UTF-8, or an escaped lone surrogate ("\ud800"): no string at all.
            throw new RequestFieldException($"field '{name}': {NotText}", e);
        }

        if (text.Length > MaxStringLength)
        {
            throw new RequestFieldException($"field '{name}' is longer than {MaxStringLength} characters");
        }

        return text;
    }

    /// <summary>A boolean field, or null when absent.</summary>
    public bool? OptionalBoolean(string name)
    {
        if (!_fields.TryGetValue(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new RequestFieldException($"field '{name}' must be true or false"),
        };
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }

    private static string Printable(string text) =>
        text.Length <= 40 && text.All(c => c is >= ' ' and <= '~') ? text : "(unprintable)";
}
