using ShLogin.Configuration;
using ShLogin.Files;

namespace ShLogin.AppHost;

/// <summary>How the AppHost reports what stops it before the stack runs: one line and exit code 2.</summary>
internal static class AppHostErrors
{
    /// <summary>What the AppHost's own lines start with.</summary>
    public const string Prefix = "apphost: ";

    /// <summary>Runs <paramref name="body"/>; a usage or settings error becomes one line on stderr and exit code 2.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
        }
        catch (Exception exception) when (exception is AppHostUsageException or ConfigurationException or UntrustedPathException)
        {
            await Console.Error.WriteLineAsync(Prefix + exception.Message.ReplaceLineEndings(" ").Trim());
            return 2;
        }
    }
}
