using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ShLogin.IntegrationTests.Nginx;

/// <summary>What a stub behind nginx received.</summary>
public sealed record RecordedRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string> Headers)
{
    public static RecordedRequest From(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new RecordedRequest(context.Request.Method, rawTarget, headers);
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
