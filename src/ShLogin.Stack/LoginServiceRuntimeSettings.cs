using System.Runtime.InteropServices;

namespace ShLogin.Stack;

/// <summary>
/// .NET runtime settings for the login service child, which must stay small: it holds a few
/// sessions, and with nginx's session map most requests never reach it. Measured with
/// <c>bench/run</c>: these take its resident memory under load from about 90 MB to about 60 MB
/// with the JIT build, and from about 120 MB to under 40 MB with the Native AOT build.
/// Only settings the runtime reads from the environment are here; the others are in the CLI
/// project (non-concurrent GC, no tiered PGO).
/// </summary>
public static class LoginServiceRuntimeSettings
{
    /// <summary>The variables and their values for the login service's environment behind nginx.</summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } = Create(gen0Budget: "100000");

    /// <summary>
    /// The same for the login service as the built-in proxy, which every request of the app passes
    /// through: a 4 MB allocation budget, so that it collects a quarter as often (about 4% of its
    /// CPU under load with 1 MB) for at most a few MB more of resident memory.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ForBuiltinProxy { get; } = Create(gen0Budget: "400000");

    private static Dictionary<string, string> Create(string gen0Budget)
    {
        // Values are hexadecimal without a "0x" prefix: CoreCLR reads both forms, but the Native AOT
        // runtime ignores a value with the prefix (and so ran with its defaults: 120 MB after
        // 100,000 requests instead of under 40; bench/run).
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // A 1 MB allocation budget between collections (behind nginx) instead of one sized to the
            // CPU cache (32 MB and more on servers): the heap stays a few MB.
            ["DOTNET_GCgen0size"] = gen0Budget,

            // 1 MB regions instead of 4 MB for the region-based collector (Native AOT's): a heap of
            // a few MB commits less; the segment-based collector below ignores it.
            ["DOTNET_GCRegionSize"] = "100000",
        };

        // The segment-based collector keeps less memory committed for a small heap than the
        // region-based default; it ships with the runtime, but only name it when it is there.
        if (File.Exists(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "libclrgc.so")))
        {
            variables["DOTNET_GCName"] = "libclrgc.so";
        }

        return variables;
    }
}
