using System.Text;

namespace ShLogin.Hosting.Stack;

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

    /// <summary>The one-click login URL of token mode; null otherwise.</summary>
    public string? OneClickUrl => Token is null || Mode != "token" ? null : LoginUrl + "?token=" + Uri.EscapeDataString(Token);

    // The record's generated ToString would print the token.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Url = ").Append(Url).Append(", Mode = ").Append(Mode).Append(", NginxPort = ").Append(NginxPort);
        return true;
    }
}
