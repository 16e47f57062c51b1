using ShLogin.Configuration;
using ShLogin.Stack.Jupyter;
using ShLogin.Testing.Files;

namespace ShLogin.Stack.Tests.Jupyter;

/// <summary>Which Jupyter the presets find, with stand-in launchers in a directory of their own as PATH.</summary>
public sealed class JupyterInstallationTests : IDisposable
{
    private readonly TemporaryDirectory _bin = new();

    private string NoDebianModule => _bin.Combine("no-such-module.py");

    public void Dispose() => _bin.Dispose();

    [Theory]
    [InlineData("6.4.12", JupyterKind.ClassicNotebook)]
    [InlineData("7.2.1", JupyterKind.Notebook)]
    [InlineData("[W 12:00:00 NotebookApp] a warning first\n7.0.0", JupyterKind.Notebook)]
    [InlineData("10.1.0", JupyterKind.Notebook)]
    public void The_jupyter_preset_tells_Notebook_6_from_7_by_asking_the_launcher_its_version(string printed, JupyterKind expected)
    {
        var notebook = Launcher(JupyterInstallation.NotebookProgram, $"printf '%s\\n' '{printed.Replace("\n", "' '", StringComparison.Ordinal)}'");
        Launcher(JupyterInstallation.LabProgram, "exit 0");

        var found = JupyterInstallation.Find(AppPreset.Jupyter, _bin.Path, NoDebianModule);

        Assert.Equal(expected, found.Kind);
        Assert.Equal(notebook, found.Program);
        Assert.Equal("Jupyter Notebook", found.DisplayName);
    }

    [Theory]
    [InlineData("echo 'no version here'", "it printed no version: no version here")]
    [InlineData("echo 'ModuleNotFoundError: notebook' >&2; exit 1", "it exited with code 1: ModuleNotFoundError: notebook")]
    public void A_launcher_that_does_not_tell_its_version_stops_the_start_with_one_line(string body, string reason)
    {
        Launcher(JupyterInstallation.NotebookProgram, body);

        var error = Assert.Throws<ConfigurationException>(() => JupyterInstallation.Find(AppPreset.Jupyter, _bin.Path, NoDebianModule));

        Assert.Equal("SH_LOGIN_APP", error.Setting);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Without_a_notebook_the_jupyter_preset_takes_JupyterLab_then_Jupyter_Server()
    {
        var server = Launcher(JupyterInstallation.ServerProgram, "exit 0");
        AssertFound(JupyterKind.Server, server, [], JupyterInstallation.Find(AppPreset.Jupyter, _bin.Path, NoDebianModule));

        var lab = Launcher(JupyterInstallation.LabProgram, "exit 0");
        var found = JupyterInstallation.Find(AppPreset.Jupyter, _bin.Path, NoDebianModule);
        AssertFound(JupyterKind.Lab, lab, [], found);
        Assert.Equal("JupyterLab", found.DisplayName);
    }

    [Fact]
    public void JupyterLab_asked_for_but_not_installed_is_one_line_saying_how_to_get_it()
    {
        Launcher(JupyterInstallation.NotebookProgram, "echo 6.4.12");

        var error = Assert.Throws<ConfigurationException>(() => JupyterInstallation.Find(AppPreset.JupyterLab, _bin.Path, NoDebianModule));

        Assert.Equal("SH_LOGIN_APP='jupyterlab' is not valid: 'jupyter-lab' was not found on PATH; expected a preset whose program is installed (pip install jupyterlab, or conda install jupyterlab; Debian 12 packages no JupyterLab)", error.Message);
    }

    [Fact]
    public void Debian_s_Jupyter_Server_has_no_launcher_and_runs_as_a_module_of_Debian_s_Python()
    {
        var module = _bin.Combine("__main__.py");
        File.WriteAllText(module, string.Empty);

        var found = JupyterInstallation.Find(AppPreset.JupyterServer, _bin.Path, module);

        AssertFound(JupyterKind.Server, JupyterInstallation.DebianPython, ["-m", "jupyter_server"], found);
        Assert.Equal("Jupyter Server", found.DisplayName);
        var error = Assert.Throws<ConfigurationException>(() => JupyterInstallation.Find(AppPreset.JupyterServer, _bin.Path, NoDebianModule));
        Assert.Contains("python3-jupyter-server", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_launcher_of_Jupyter_Server_on_PATH_comes_before_Debian_s_module()
    {
        var server = Launcher(JupyterInstallation.ServerProgram, "exit 0");
        var module = _bin.Combine("__main__.py");
        File.WriteAllText(module, string.Empty);

        Assert.Equal(server, JupyterInstallation.Find(AppPreset.JupyterServer, _bin.Path, module).Program);
    }

    [Fact]
    public void Nothing_installed_names_the_preset_and_how_to_install_it()
    {
        var error = Assert.Throws<ConfigurationException>(() => JupyterInstallation.Find(AppPreset.Jupyter, _bin.Path, NoDebianModule));

        Assert.StartsWith("SH_LOGIN_APP='jupyter' is not valid: 'jupyter-notebook' was not found on PATH; expected a preset whose program is installed (apt-get install", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShLogin_s_image_carries_Notebook_6_and_Jupyter_Server_but_no_JupyterLab()
    {
        Assert.Equal(JupyterKind.ClassicNotebook, JupyterInstallation.InShLoginImage(AppPreset.Jupyter).Kind);
        Assert.Equal(["-m", "jupyter_server"], JupyterInstallation.InShLoginImage(AppPreset.JupyterServer).ProgramArguments);
        var error = Assert.Throws<ConfigurationException>(() => JupyterInstallation.InShLoginImage(AppPreset.JupyterLab));
        Assert.Contains("packages no JupyterLab", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7.2.1", 7)]
    [InlineData("6.4.12\n", 6)]
    [InlineData("noise\n7.0.0a1\n\n", 7)]
    [InlineData("", null)]
    [InlineData("version seven", null)]
    [InlineData(".7", null)]
    [InlineData("-7.1", null)]
    public void The_major_version_is_read_from_the_last_line_that_is_a_version(string output, int? major)
    {
        Assert.Equal(major, JupyterInstallation.ParseMajorVersion(output));
    }

    private static void AssertFound(JupyterKind kind, string program, string[] programArguments, JupyterInstallation found)
    {
        Assert.Equal(kind, found.Kind);
        Assert.Equal(program, found.Program);
        Assert.Equal(programArguments, found.ProgramArguments);
    }

    private string Launcher(string name, string body)
    {
        var path = _bin.Combine(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
