using System.Globalization;
using ShLogin.Secrets;

namespace ShLogin.Stack;

/// <summary>What both runners print once the stack answers: the URL, the token or the TOTP enrolment, the SSH tunnel, how to stop.</summary>
public static class StackBanner
{
    /// <summary>The banner for <paramref name="stack"/>, run by <paramref name="userName"/> on <paramref name="hostName"/>.</summary>
    public static string Render(StackDescription stack, string userName, string hostName)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var info = stack.Info;
        var workload = stack.Workload;
        var secrets = stack.Secrets;
        var text = new System.Text.StringBuilder();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"ShLogin is protecting {workload.DisplayName}.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"  Open:       {info.Url}");
        if (info.Token is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  Token:      {info.Token}");
        }

        if (info.OneClickUrl is { } oneClick)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  One click:  {oneClick}");
        }

        if (info.OtpAuthUri is { } uri)
        {
            text.AppendLine();
            text.AppendLine("  A new TOTP secret was made for this session. Scan it with an authenticator app:");
            text.AppendLine();
            foreach (var line in TerminalQr.Render(uri).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                text.AppendLine("    " + line);
            }

            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"  otpauth URI: {uri}");
            text.AppendLine("  To keep one secret across restarts: sh-login totp new --secret-file .totp_secret");
        }
        else if (secrets.TotpKey is not null)
        {
            text.AppendLine("  Code:       from your authenticator app (the configured TOTP secret)");
        }

        text.AppendLine();
        text.AppendLine("  On a cluster node? Forward the port from your own computer, then open the URL there:");
        text.AppendLine(CultureInfo.InvariantCulture, $"    ssh -N -L {info.NginxPort}:{TunnelTarget(info)}:{info.NginxPort} {userName}@{hostName}");
        text.AppendLine();
        text.AppendLine("  Stop with Ctrl-C.");
        return text.ToString();
    }

    // The tunnel must end where nginx actually listens on the node.
    private static string TunnelTarget(StackInfo info) =>
        info.Bind is "0.0.0.0" or "::" or "localhost" ? "127.0.0.1" : info.Bind.Contains(':', StringComparison.Ordinal) ? "[" + info.Bind + "]" : info.Bind;
}
