
using System.Text.Json;

namespace ShLogin.AppHostTests.Infrastructure;

/// <summary>The ready file's JSON (the same as <c>sh-login start --ready-file</c> writes).</summary>
/// <param name="Url">The public base URL.</param>
/// <param name="LoginUrl">The login page.</param>
/// <param name="Mode">token, totp or token+totp.</param>
/// <param name="Token">The startup token.</param>
/// <param name="NginxPort">nginx's public port.</param>
/// <param name="RuntimeDirectory">The private runtime directory.</param>
/// <param name="ProcessId">The pid of the process that wrote it.</param>
public sealed record ReadyInfo(Uri Url, Uri LoginUrl, string Mode, string? Token, int NginxPort, string RuntimeDirectory, int ProcessId)
{
    public static ReadyInfo Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new ReadyInfo(
            new Uri(root.GetProperty("url").GetString()!),
            new Uri(root.GetProperty("login_url").GetString()!),
            root.GetProperty("mode").GetString()!,
            root.TryGetProperty("token", out var token) ? token.GetString() : null,
            root.GetProperty("nginx_port").GetInt32(),
            root.GetProperty("runtime_dir").GetString()!,
            root.GetProperty("pid").GetInt32());
    }
}
