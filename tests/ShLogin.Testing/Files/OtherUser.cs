using System.Diagnostics;

namespace ShLogin.Testing.Files;

/// <summary>
/// Another user of the host (<c>nobody</c>), for layouts a hostile co-user prepares: files and
/// directories handed to them with <c>chown</c>, or made by them through <c>runuser</c>. Needs
/// root: call <see cref="Requirements.Root"/> first.
/// </summary>
public static class OtherUser
{
    /// <summary>The user's name.</summary>
    public const string Name = "nobody";

    /// <summary>Gives <paramref name="path"/> (a link itself, not its target) to the other user.</summary>
    public static void Own(string path) => Run("chown", "-h", Name, path);

    /// <summary>Runs <paramref name="command"/> as the other user and waits for it; throws if it fails.</summary>
    public static void Run(params string[] command) => Run(Requirements.RunUser(), ["-u", Name, "--", .. command]);

    private static void Run(string program, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{program} did not start");
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(30_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {error}");
        }
    }
}
