using ShLogin.Configuration;
using ShLogin.Hosting.Stack;

namespace ShLogin.Hosting.Tests.Stack;

public sealed class WorkloadCatalogTests : IDisposable
{
    private readonly RuntimeDirectory _runtime = RuntimeDirectory.Create(null, Path.GetTempPath());

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void In_a_container_image_Jupyter_is_the_image_program_on_the_socket_with_its_state_in_the_runtime_directory()
    {
        var settings = new ShLoginSettings { App = AppPreset.Jupyter };

        var workload = WorkloadCatalog.Resolve(settings, _runtime, 40000, new SelfCommand("sh-login", []), "/work", inContainerImage: true);

        Assert.Equal(WorkloadCatalog.JupyterProgram, workload.Command);
        Assert.True(workload.UsesUnixSocket);
        Assert.Contains("--sock", workload.Arguments);
        Assert.Contains(_runtime.AppSocket, workload.Arguments);
        Assert.Contains("--NotebookApp.notebook_dir=/work", workload.Arguments);
        Assert.Equal(Path.Combine(_runtime.Path, "jupyter"), workload.Environment["HOME"]);
        Assert.Equal(Environment.IsPrivilegedProcess, workload.Arguments.Contains("--allow-root"));
    }

    [Fact]
    public void In_a_container_image_a_command_is_not_looked_for_on_this_host()
    {
        var settings = new ShLoginSettings { CommandArguments = ["/opt/image-only/server", "--flag"] };

        Assert.Throws<ConfigurationException>(() => WorkloadCatalog.Resolve(settings, _runtime, 40000, new SelfCommand("sh-login", []), "/work"));
        var workload = WorkloadCatalog.Resolve(settings, _runtime, 40000, new SelfCommand("sh-login", []), "/work", inContainerImage: true);

        Assert.Equal("/opt/image-only/server", workload.Command);
        Assert.Equal(["--flag"], workload.Arguments);
        Assert.False(workload.UsesUnixSocket);
        Assert.Equal(40000, workload.Port);
    }

    [Fact]
    public void The_demo_runs_sh_login_demo_on_the_runtime_directory_socket()
    {
        var workload = WorkloadCatalog.Resolve(new ShLoginSettings(), _runtime, 40000, new SelfCommand("sh-login", []), "/work", inContainerImage: true);

        Assert.Equal("sh-login", workload.Command);
        Assert.Equal(["demo", "--socket", _runtime.AppSocket], workload.Arguments);
        Assert.Equal("/healthz", workload.HealthPath);
    }
}
