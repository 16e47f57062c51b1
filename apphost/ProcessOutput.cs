using System.Diagnostics;
using ShLogin.Secrets;
using ShLogin.Stack;

namespace ShLogin.AppHost;

/// <summary>
/// Runs a short helper command (an image check, a package install) and tells how it went. Its lines
/// pass <see cref="SecretRedactor"/> like every other line the stack relays.
/// </summary>
internal static class ProcessOutput
{
    /// <summary>Runs <paramref name="program"/> to completion; its output lines go to <paramref name="onLine"/> when given, else are kept.</summary>
    /// <returns>The exit code (-1 when it could not start or timed out) and the first line of standard error.</returns>
    public static async Task<(int ExitCode, string FirstErrorLine)> RunAsync(
        string program,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        Action<string>? onLine = null,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory ?? string.Empty,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        string? firstError = null;
        using var process = new Process { StartInfo = info };
        var redactor = SecretRedactor.ParametersOnly;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onLine?.Invoke(redactor.Redact(e.Data));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                var line = redactor.Redact(e.Data);
                firstError ??= line.Trim().Length > 0 ? line.Trim() : null;
                onLine?.Invoke(line);
            }
        };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return (-1, exception.Message);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return (-1, $"{Path.GetFileName(program)} did not finish within {timeout.TotalSeconds:0} s");
        }

        return (process.ExitCode, firstError ?? string.Empty);
    }
}
