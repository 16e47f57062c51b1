namespace ShLogin.IntegrationTests.Infrastructure;

/// <summary>
/// Runs <c>sh-login</c> as its own process: the JIT build copied next to the tests by the project
/// reference, or the program <c>SH_LOGIN_TEST_EXECUTABLE</c> names (the native binary), see <see cref="ShLoginExecutable"/>.
/// </summary>
public static class ShLoginCli
{
    /// <summary>Runs <c>sh-login ARGS</c> to completion.</summary>
    /// <param name="arguments">The command line after <c>sh-login</c>.</param>
    /// <param name="environment">Variables such as <c>SH_LOGIN_*</c> (a null value removes one).</param>
    /// <param name="timeout">How long to wait.</param>
    public static Task<ProcessResult> RunAsync(
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        var command = ShLoginExecutable.Command;
        return ProcessRunner.RunAsync(command[0], [.. command.Skip(1), .. arguments], environment, timeout);
    }
}
