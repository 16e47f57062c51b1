using System.Text.Json;

namespace ShLogin.ContainerTests.Infrastructure;

/// <summary>What <c>sh-login start --ready-file</c> wrote once the stack answered.</summary>
/// <param name="Url">The public base URL as seen inside the container.</param>
/// <param name="Token">The startup token.</param>
/// <param name="NginxPort">The port nginx listens on inside the container.</param>
/// <param name="RuntimeDirectory">The private runtime directory inside the container.</param>
public sealed record StackInfo(Uri Url, string Token, int NginxPort, string RuntimeDirectory)
{
    /// <summary>Parses the ready file's JSON.</summary>
    public static StackInfo Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new StackInfo(
            new Uri(root.GetProperty("url").GetString()!),
            root.GetProperty("token").GetString()!,
            root.GetProperty("nginx_port").GetInt32(),
            root.GetProperty("runtime_dir").GetString()!);
    }
}
