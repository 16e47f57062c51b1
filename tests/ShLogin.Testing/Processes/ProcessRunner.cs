using System.Diagnostics;

namespace ShLogin.Testing.Processes;

/// <summary>Runs a program to completion with arguments (never through a shell) and captures its output.</summary>
public static class ProcessRunner
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs the program; kills it and throws <see cref="TimeoutException"/> when it takes too long.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments, passed as they are.</param>
    /// <param name="environment">Variables to set (a null value removes the variable).</param>
    /// <param name="timeout">How long to wait (default 60 s).</param>
    /// <param name="standardInput">Text written to its standard input, which is then closed.</param>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null,
        string? standardInput = null)
    {
        var argumentList = arguments.ToList();
        using var process = new Process { StartInfo = CreateStartInfo(fileName, argumentList, environment) };
        process.StartInfo.RedirectStandardInput = true;
        process.Start();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var cancellation = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', argumentList)} did not finish within {timeout ?? DefaultTimeout}.");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }

    /// <summary>Start information with redirected output and the given environment.</summary>
    public static ProcessStartInfo CreateStartInfo(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        return startInfo;
    }
}
