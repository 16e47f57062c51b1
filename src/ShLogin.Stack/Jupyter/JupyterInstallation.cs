using System.Diagnostics;
using System.Globalization;
using ShLogin.Configuration;

namespace ShLogin.Stack.Jupyter;

/// <summary>A Jupyter found on this host (or in ShLogin's image): what it is and how to run it.</summary>
/// <param name="Kind">Which Jupyter it is.</param>
/// <param name="Program">The program to run.</param>
/// <param name="ProgramArguments">Arguments before the options (e.g. <c>-m jupyter_server</c>).</param>
public sealed record JupyterInstallation(JupyterKind Kind, string Program, IReadOnlyList<string> ProgramArguments)
{
    /// <summary>The Notebook launcher (Notebook 6 is Debian's <c>jupyter-notebook</c>; pip's and conda's are often 7).</summary>
    public const string NotebookProgram = "jupyter-notebook";

    /// <summary>The JupyterLab launcher (pip and conda; Debian 12 packages no JupyterLab).</summary>
    public const string LabProgram = "jupyter-lab";

    /// <summary>Jupyter Server's launcher (pip and conda).</summary>
    public const string ServerProgram = "jupyter-server";

    /// <summary>Debian's Python, whose <c>python3-jupyter-server</c> brings the module but no launcher.</summary>
    public const string DebianPython = "/usr/bin/python3";

    /// <summary>The module Debian's <c>python3-jupyter-server</c> installs.</summary>
    public const string DebianServerModule = "/usr/lib/python3/dist-packages/jupyter_server/__main__.py";

    /// <summary>How long <c>jupyter-notebook --version</c> may take (it starts Python; seconds on a loaded node).</summary>
    public static readonly TimeSpan VersionProbeTimeout = TimeSpan.FromSeconds(30);

    /// <summary>What the banner and the login page call it.</summary>
    public string DisplayName => Kind switch
    {
        JupyterKind.ClassicNotebook or JupyterKind.Notebook => "Jupyter Notebook",
        JupyterKind.Lab => "JupyterLab",
        JupyterKind.Server => "Jupyter Server",
        _ => throw new InvalidOperationException(),
    };

    /// <summary>
    /// The Jupyter that <paramref name="preset"/> asks for, as installed on this host:
    /// <c>jupyter</c> takes <c>jupyter-notebook</c> (its version decides between Notebook 6 and 7),
    /// else <c>jupyter-lab</c>, else Jupyter Server; <c>jupyterlab</c> and <c>jupyter-server</c> take only that.
    /// </summary>
    /// <param name="preset">One of the Jupyter presets.</param>
    /// <param name="searchPath">Where programs are looked for (PATH by default).</param>
    /// <param name="debianServerModule">Where Debian's Jupyter Server module is (see <see cref="DebianServerModule"/>).</param>
    /// <exception cref="ConfigurationException">It is not installed, or its version cannot be told.</exception>
    public static JupyterInstallation Find(AppPreset preset, string? searchPath = null, string debianServerModule = DebianServerModule)
    {
        switch (preset)
        {
            case AppPreset.JupyterLab:
                return ExecutableLocator.Find(LabProgram, searchPath) is { } lab
                    ? new JupyterInstallation(JupyterKind.Lab, lab, [])
                    : throw NotInstalled("jupyterlab", LabProgram, "pip install jupyterlab, or conda install jupyterlab; Debian 12 packages no JupyterLab");
            case AppPreset.JupyterServer:
                return FindServer(searchPath, debianServerModule)
                    ?? throw NotInstalled("jupyter-server", ServerProgram, "apt-get install --no-install-recommends python3-jupyter-server, or pip install jupyter-server");
            case AppPreset.Jupyter:
                if (ExecutableLocator.Find(NotebookProgram, searchPath) is { } notebook)
                {
                    return new JupyterInstallation(NotebookMajorVersion(notebook) >= 7 ? JupyterKind.Notebook : JupyterKind.ClassicNotebook, notebook, []);
                }

                if (ExecutableLocator.Find(LabProgram, searchPath) is { } anyLab)
                {
                    return new JupyterInstallation(JupyterKind.Lab, anyLab, []);
                }

                return FindServer(searchPath, debianServerModule)
                    ?? throw NotInstalled("jupyter", NotebookProgram, "apt-get install --no-install-recommends jupyter-notebook, or pip install notebook");
            default:
                throw new ArgumentOutOfRangeException(nameof(preset), preset, "not a Jupyter preset");
        }
    }

    /// <summary>
    /// The Jupyter of ShLogin's Jupyter image (containers/Dockerfile: Debian's Notebook 6 and Jupyter
    /// Server), which cannot be looked at from here.
    /// </summary>
    /// <exception cref="ConfigurationException">The image has no such Jupyter (JupyterLab).</exception>
    public static JupyterInstallation InShLoginImage(AppPreset preset) => preset switch
    {
        AppPreset.Jupyter => new JupyterInstallation(JupyterKind.ClassicNotebook, NotebookProgram, []),
        AppPreset.JupyterServer => new JupyterInstallation(JupyterKind.Server, DebianPython, ["-m", "jupyter_server"]),
        AppPreset.JupyterLab => throw new ConfigurationException(
            EnvironmentVariableNames.App, "jupyterlab", "jupyter or jupyter-server in ShLogin's image", "the image is built from Debian, which packages no JupyterLab"),
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "not a Jupyter preset"),
    };

    /// <summary>The major version in the output of <c>jupyter-notebook --version</c> (its last line, e.g. <c>7.2.1</c>).</summary>
    /// <returns>The major version, or null when no line is a version.</returns>
    public static int? ParseMajorVersion(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Reverse())
        {
            var dot = line.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && int.TryParse(line.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var major))
            {
                return major;
            }
        }

        return null;
    }

    private static JupyterInstallation? FindServer(string? searchPath, string debianServerModule)
    {
        if (ExecutableLocator.Find(ServerProgram, searchPath) is { } server)
        {
            return new JupyterInstallation(JupyterKind.Server, server, []);
        }

        return File.Exists(debianServerModule) && ExecutableLocator.Find(DebianPython) is { } python
            ? new JupyterInstallation(JupyterKind.Server, python, ["-m", "jupyter_server"])
            : null;
    }

    // Notebook 6 and 7 share the launcher's name but not their options: ask it once, with a bound.
    private static int NotebookMajorVersion(string program)
    {
        var start = new ProcessStartInfo(program, ["--version"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var secret in StackDescription.SecretVariables)
        {
            start.Environment.Remove(secret);
        }

        string output;
        string error;
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException();
            process.StandardInput.Close();
            var reading = process.StandardOutput.ReadToEndAsync();
            var readingError = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(VersionProbeTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw VersionUnknown(program, $"it did not answer within {VersionProbeTimeout.TotalSeconds:0} s");
            }

            process.WaitForExit();
            output = reading.GetAwaiter().GetResult();
            error = readingError.GetAwaiter().GetResult();
            if (process.ExitCode != 0)
            {
                throw VersionUnknown(program, $"it exited with code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}: {FirstLine(error)}");
            }
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw VersionUnknown(program, exception.Message);
        }

        return ParseMajorVersion(output) ?? throw VersionUnknown(program, $"it printed no version: {FirstLine(output + error)}");
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "(nothing)";
        return line.Length <= 120 ? line : line[..117] + "...";
    }

    private static ConfigurationException VersionUnknown(string program, string reason) =>
        new(EnvironmentVariableNames.App, "jupyter", $"a {NotebookProgram} that tells its version ('{program} --version')", reason);

    private static ConfigurationException NotInstalled(string preset, string program, string howToInstall) =>
        new(EnvironmentVariableNames.App, preset, $"a preset whose program is installed ({howToInstall})", $"'{program}' was not found on PATH");
}
