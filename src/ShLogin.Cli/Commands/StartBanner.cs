using ShLogin.Secrets;
using ShLogin.Stack;

namespace ShLogin.Cli.Commands;

/// <summary>What <c>sh-login start</c> prints once the stack answers.</summary>
internal static class StartBanner
{
    public static async Task WriteAsync(TextWriter output, StackInfo info, WorkloadSpec workload, StackSecrets secrets, CliContext context, bool quiet)
    {
        if (quiet)
        {
            await output.WriteLineAsync(info.Url);
            await output.FlushAsync();
            return;
        }

        var text = new System.Text.StringBuilder();
        text.AppendLine();
        text.AppendLine($"ShLogin is protecting {workload.DisplayName}.");
        text.AppendLine();
        text.AppendLine($"  Open:       {info.Url}");
        if (info.Token is not null)
        {
            text.AppendLine($"  Token:      {info.Token}");
        }

        if (info.OneClickUrl is { } oneClick)
        {
            text.AppendLine($"  One click:  {oneClick}");
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
            text.AppendLine($"  otpauth URI: {uri}");
            text.AppendLine("  To keep one secret across restarts: sh-login totp new --secret-file .totp_secret");
        }
        else if (secrets.TotpKey is not null)
        {
            text.AppendLine("  Code:       from your authenticator app (the configured TOTP secret)");
        }

        text.AppendLine();
        text.AppendLine("  On a cluster node? Forward the port from your own computer, then open the URL there:");
        text.AppendLine($"    ssh -N -L {info.NginxPort}:{TunnelTarget(info)}:{info.NginxPort} {context.UserName}@{context.HostName}");
        text.AppendLine();
        text.AppendLine("  Stop with Ctrl-C.");
        await output.WriteAsync(text.ToString());
        await output.FlushAsync();
    }

    // The tunnel must end where nginx actually listens on the node.
    private static string TunnelTarget(StackInfo info) =>
        info.Bind is "0.0.0.0" or "::" or "localhost" ? "127.0.0.1" : info.Bind.Contains(':', StringComparison.Ordinal) ? "[" + info.Bind + "]" : info.Bind;
}
