using ShLogin.Stack;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ShLogin.Configuration;
using ShLogin.Hosting;
using ShLogin.Hosting.Resources;
using ShLogin.Hosting.Stack;
using ShLogin.Secrets;

namespace ShLogin.AppHost;

/// <summary>
/// What the AppHost says: resource state changes and failures on standard error (next to the
/// resources' own <c>[name]</c> lines), the resource table and how to log in on standard output.
/// </summary>
internal static class AppHostConsole
{
    public const string Prefix = "apphost: ";

    /// <summary>Runs the AppHost's body and turns every failure into one line and an exit code: 2 for bad input, 1 for a stack that did not come up.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
        }
        catch (Exception exception) when (exception is AppHostUsageException or ConfigurationException)
        {
            await Console.Error.WriteLineAsync(Prefix + OneLine(exception.Message));
            return 2;
        }
        catch (StartupFailedException exception)
        {
            await Console.Error.WriteLineAsync(Prefix + "the stack did not start: " + OneLine(exception.Message) + " Everything started was stopped.");
            return exception.ExitCode is > 0 and var code ? code : 1;
        }
    }

    /// <summary>Logs a resource's new state, e.g. <c>[apphost] login: Running, pid 1234</c>.</summary>
    public static void ReportState(ResourceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.State == ResourceState.Waiting)
        {
            return;
        }

        var details = new List<string>();
        if (snapshot.ProcessId is { } pid)
        {
            details.Add("pid " + pid.ToString(CultureInfo.InvariantCulture));
        }

        if (snapshot.Detail is { } detail)
        {
            details.Add(detail);
        }

        var suffix = details.Count > 0 ? ", " + string.Join(", ", details) : string.Empty;
        Console.Error.WriteLine($"[apphost] {snapshot.Name}: {snapshot.State}{suffix}");
    }

    /// <summary>Once every resource is healthy: prints the resource table and how to log in, then writes the ready file.</summary>
    public static async Task AnnounceAsync(DistributedApplication application, DevStack stack)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(stack);
        var text = new StringBuilder();
        text.AppendLine();
        text.Append(ResourceTable.Render(application.Snapshots));
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"  ShLogin is protecting {stack.Workload.DisplayName} (ready in {SinceStart().TotalSeconds:0.0} s).");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"  Open:       {stack.Info.Url}");
        if (stack.Info.Token is { } token)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  Token:      {token}");
        }

        if (stack.Info.OneClickUrl is { } oneClick)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  One click:  {oneClick}");
        }

        if (stack.Info.OtpAuthUri is { } uri)
        {
            text.AppendLine();
            text.AppendLine("  A new TOTP secret was made for this run. Scan it with an authenticator app:");
            foreach (var line in TerminalQr.Render(uri).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                text.AppendLine("    " + line);
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"  otpauth URI: {uri}");
        }
        else if (stack.Secrets.TotpKey is not null)
        {
            text.AppendLine("  Code:       from your authenticator app (the configured TOTP secret)");
        }

        text.AppendLine();
        text.AppendLine("  Stop with Ctrl-C.");
        await Console.Out.WriteAsync(text.ToString());
        await Console.Out.FlushAsync();

        // Last: whoever waits for the ready file finds everything above already written.
        if (stack.Options.ReadyFile is { } readyFile)
        {
            try
            {
                ReadyFile.Write(readyFile, stack.Info);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The stack is stopped before this reaches the user.
                throw new AppHostUsageException($"--ready-file {readyFile} cannot be written: {exception.Message}", exception);
            }
        }
    }

    private static TimeSpan SinceStart()
    {
        using var self = Process.GetCurrentProcess();
        return DateTime.Now - self.StartTime;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
