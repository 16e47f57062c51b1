namespace ShLogin.IntegrationTests.Infrastructure;

/// <summary>Runs the built <c>sh-login</c> (copied next to the tests by the project reference) as its own process.</summary>
public static class ShLoginCli
{
    /// <summary>The path of <c>sh-login.dll</c> next to the test assembly.</summary>
    public static string AssemblyPath { get; } = Path.Combine(AppContext.BaseDirectory, "sh-login.dll");

    /// <summary>The <c>dotnet</c> host that runs it: the one running the tests when known.</summary>
    public static string DotnetHost { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : "dotnet";

    /// <summary>Runs <c>dotnet sh-login.dll ARGS</c> to completion.</summary>
    /// <param name="arguments">The command line after <c>sh-login</c>.</param>
    /// <param name="environment">Variables such as <c>SH_LOGIN_*</c> (a null value removes one).</param>
    /// <param name="timeout">How long to wait.</param>
    public static Task<ProcessResult> RunAsync(
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        return ProcessRunner.RunAsync(DotnetHost, [AssemblyPath, .. arguments], environment, timeout);
    }
}
