using System.Reflection;

namespace ShLogin.Stack;

/// <summary>How to run this same program again as a child (<c>sh-login serve</c>, <c>sh-login demo</c>).</summary>
/// <param name="FileName">The executable: the apphost or native binary, or <c>dotnet</c>.</param>
/// <param name="Arguments">What precedes the subcommand: nothing, or the path of <c>sh-login.dll</c>.</param>
public sealed record SelfCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The running process: <c>sh-login</c> itself (apphost or native binary), or <c>dotnet sh-login.dll</c>.</summary>
    public static SelfCommand Current()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this program is unknown.");
        var viaDotnet = string.Equals(Path.GetFileNameWithoutExtension(process), "dotnet", StringComparison.Ordinal);
        return viaDotnet && EntryAssemblyPath() is { } entry
            ? new SelfCommand(process, [entry])
            : new SelfCommand(process, []);
    }

    // Only reached under the dotnet host, where the entry assembly is a file in the app's directory
    // (Assembly.Location is empty in a single-file or native program, so it is not used).
    private static string? EntryAssemblyPath()
    {
        var name = Assembly.GetEntryAssembly()?.GetName().Name;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        return File.Exists(path) ? path : null;
    }
}
