namespace ShLogin.Testing;

/// <summary>
/// The <c>sh-login</c> that tests run as its own process. By default the JIT build copied next to
/// the test assembly (<c>dotnet sh-login.dll</c>, or its apphost); when
/// <c>SH_LOGIN_TEST_EXECUTABLE</c> names a program (tests/run sets it to the native binary,
/// <c>artifacts/native/sh-login</c>, for its second pass), that program instead. A variable that
/// names no executable file fails the tests rather than falling back to the JIT build.
/// </summary>
public static class ShLoginExecutable
{
    /// <summary>The variable naming the program to test instead of the JIT build.</summary>
    public const string VariableName = "SH_LOGIN_TEST_EXECUTABLE";

    private static readonly Lazy<string?> Named = new(FindNamed);

    /// <summary>The program named by <see cref="VariableName"/> (a full path), or null for the JIT build.</summary>
    public static string? NamedPath => Named.Value;

    /// <summary>True when the tests run a program named by <see cref="VariableName"/> (the native binary in CI).</summary>
    public static bool IsNamed => NamedPath is not null;

    /// <summary>The path of <c>sh-login.dll</c> next to the test assembly.</summary>
    public static string AssemblyPath { get; } = Path.Combine(AppContext.BaseDirectory, "sh-login.dll");

    /// <summary>The apphost of the JIT build next to the test assembly.</summary>
    public static string AppHostPath { get; } = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "sh-login.exe" : "sh-login");

    /// <summary>The <c>dotnet</c> host: the one running the tests when known.</summary>
    public static string DotnetHost { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : "dotnet";

    /// <summary>The program and the arguments that precede sh-login's own: the named program, else <c>dotnet sh-login.dll</c>.</summary>
    public static IReadOnlyList<string> Command => NamedPath is { } named ? [named] : [DotnetHost, AssemblyPath];

    /// <summary>The program to start as users start it: the named program, else the JIT build's apphost.</summary>
    public static string Program => NamedPath ?? AppHostPath;

    private static string? FindNamed()
    {
        var value = Environment.GetEnvironmentVariable(VariableName);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var path = Path.GetFullPath(value, RepositoryPaths.Root);
        if (!File.Exists(path) || (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) == 0)
        {
            throw new InvalidOperationException($"{VariableName}='{value}' names no executable file ({path}).");
        }

        return path;
    }
}
