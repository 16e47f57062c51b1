using System.Reflection;

namespace ShLogin.Stack;

/// <summary>How to run this same program again as a child (<c>sh-login serve</c>, <c>sh-login demo</c>).</summary>
/// <param name="FileName">The executable: the apphost, or <c>dotnet</c>.</param>
/// <param name="Arguments">What precedes the subcommand: nothing, or the path of <c>sh-login.dll</c>.</param>
public sealed record SelfCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The running process: <c>sh-login</c> itself, or <c>dotnet sh-login.dll</c>.</summary>
    public static SelfCommand Current()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this program is unknown.");
        var entry = Assembly.GetEntryAssembly()?.Location;
        var viaDotnet = string.Equals(Path.GetFileNameWithoutExtension(process), "dotnet", StringComparison.Ordinal);
        return viaDotnet && !string.IsNullOrEmpty(entry)
            ? new SelfCommand(process, [entry])
            : new SelfCommand(process, []);
    }
}
