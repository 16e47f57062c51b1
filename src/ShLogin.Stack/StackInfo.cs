using System.Globalization;
using System.Text;
using ShLogin.Configuration;

namespace ShLogin.Stack;

/// <summary>What a user or script needs to reach a running stack.</summary>
public sealed record StackInfo
{
    /// <summary>The public base URL, e.g. <c>http://127.0.0.1:43123/</c>.</summary>
    public required string Url { get; init; }

    /// <summary>The login page.</summary>
    public required string LoginUrl { get; init; }

    /// <summary>token, totp or token+totp.</summary>
    public required string Mode { get; init; }

    /// <summary>The startup token, in token modes.</summary>
    public string? Token { get; init; }

    /// <summary>The otpauth URI, only when the TOTP secret was generated now.</summary>
    public string? OtpAuthUri { get; init; }

    /// <summary>nginx's public port.</summary>
    public required int NginxPort { get; init; }

    /// <summary>The address nginx listens on.</summary>
    public required string Bind { get; init; }

    /// <summary>The private runtime directory.</summary>
    public required string RuntimeDirectory { get; init; }

    /// <summary>The process id of the launcher.</summary>
    public required int ProcessId { get; init; }

    /// <summary>The OTP server run beside the stack, when there is one.</summary>
    public OtpServerInfo? OtpServer { get; init; }

    /// <summary>
    /// How to reach a stack run with <paramref name="settings"/> by process <paramref name="processId"/>:
    /// a URL on the loopback address when nginx listens on every interface.
    /// </summary>
    /// <param name="settings">The stack's settings.</param>
    /// <param name="secrets">Its secrets.</param>
    /// <param name="nginxPort">nginx's public port.</param>
    /// <param name="runtimeDirectory">The runtime directory.</param>
    /// <param name="account">The account name in a newly generated otpauth URI (user@host).</param>
    /// <param name="processId">The launcher's process id.</param>
    public static StackInfo Describe(
        ShLoginSettings settings, StackSecrets secrets, int nginxPort, string runtimeDirectory, string account, int processId)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(secrets);
        var host = settings.Bind is "0.0.0.0" or "::" or "localhost" ? "127.0.0.1" : settings.Bind;
        var hostInUrl = host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]" : host;
        var url = string.Create(CultureInfo.InvariantCulture, $"http://{hostInUrl}:{nginxPort}/");
        return new StackInfo
        {
            Url = url,
            LoginUrl = url + "auth/login",
            Mode = StackDescription.ModeName(settings.Mode),
            Token = secrets.Token,
            OtpAuthUri = secrets.TotpKeyGenerated ? secrets.OtpAuthUri(account) : null,
            NginxPort = nginxPort,
            Bind = settings.Bind,
            RuntimeDirectory = runtimeDirectory,
            ProcessId = processId,
        };
    }

    /// <summary>The one-click login URL of token mode; null otherwise.</summary>
    public string? OneClickUrl => Token is null || Mode != "token" ? null : LoginUrl + "?token=" + Uri.EscapeDataString(Token);

    // The record's generated ToString would print the token.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Url = ").Append(Url).Append(", Mode = ").Append(Mode).Append(", NginxPort = ").Append(NginxPort);
        return true;
    }
}
