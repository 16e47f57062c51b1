
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
    /// <summary>The OTP server run with <c>--otp-server</c> (the <c>otp_server_*</c> fields), or null.</summary>
    public OtpServerReady? OtpServer { get; init; }

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
            root.GetProperty("pid").GetInt32())
        {
            OtpServer = root.TryGetProperty("otp_server_socket", out var socket)
                ? new OtpServerReady(
                    socket.GetString()!,
                    root.GetProperty("otp_server_store").GetString()!,
                    root.GetProperty("otp_server_admin_name").GetString()!,
                    root.GetProperty("otp_server_admin_realm").GetString()!,
                    root.GetProperty("otp_server_admin_seed_file").GetString()!)
                : null,
        };
    }
}

/// <summary>The ready file's <c>otp_server_*</c> fields.</summary>
/// <param name="Socket">The OTP server's unix socket.</param>
/// <param name="Store">sqlite or postgres.</param>
/// <param name="AdminName">The first admin entry's name.</param>
/// <param name="AdminRealm">Its realm.</param>
/// <param name="AdminSeedFile">The 0600 file with its seed.</param>
public sealed record OtpServerReady(string Socket, string Store, string AdminName, string AdminRealm, string AdminSeedFile);
