using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace ShLogin.Cli;

/// <summary>
/// Which build of <c>sh-login</c> this is, in one line for <c>--version</c>: the product version,
/// <c>native</c> (Native AOT) or <c>jit</c> (run by the .NET runtime), and the commit it was built
/// from when the build knew it, e.g. <c>0.1.0 (native, commit 4a47bff1c2d3)</c>.
/// </summary>
internal static class BuildInfo
{
    private const int CommitLength = 12;

    /// <summary>The line <c>sh-login --version</c> prints for this process.</summary>
    public static string Current { get; } = Describe(
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0",
        native: !RuntimeFeature.IsDynamicCodeSupported);

    /// <summary>The line for an informational version (<c>VERSION</c> or <c>VERSION+COMMIT</c>, as the SDK writes it).</summary>
    public static string Describe(string informationalVersion, bool native)
    {
        ArgumentNullException.ThrowIfNull(informationalVersion);
        var plus = informationalVersion.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informationalVersion : informationalVersion[..plus];
        var commit = plus < 0 ? string.Empty : informationalVersion[(plus + 1)..];
        var kind = native ? "native" : "jit";
        if (commit.Length > 0 && commit.All(char.IsAsciiHexDigit))
        {
            return $"{version} ({kind}, commit {commit[..Math.Min(commit.Length, CommitLength)].ToLowerInvariant()})";
        }

        return $"{version} ({kind})";
    }

    /// <summary>Makes the root command's <c>--version</c> print <see cref="Current"/>.</summary>
    public static void UseForVersionOption(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new PrintAction();
        }
    }

    private sealed class PrintAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Current);
            return ExitCodes.Success;
        }
    }
}
