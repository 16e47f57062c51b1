using ShLogin.Configuration;
using ShLogin.Stack.Jupyter;

namespace ShLogin.Stack.Tests;

public sealed class WorkloadCatalogTests : IDisposable
{
    private readonly RuntimeDirectory _runtime = RuntimeDirectory.Create(null, Path.GetTempPath());

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void In_a_container_image_Jupyter_is_the_image_program_on_the_socket_with_its_state_in_the_runtime_directory()
    {
        var settings = new ShLoginSettings { App = AppPreset.Jupyter };

        var workload = WorkloadCatalog.Resolve(settings, _runtime, 40000, new SelfCommand("sh-login", []), "/work", inContainerImage: true);

        Assert.Equal(JupyterInstallation.NotebookProgram, workload.Command);
        Assert.True(workload.UsesUnixSocket);
        Assert.Contains("--sock", workload.Arguments);
        Assert.Contains(_runtime.AppSocket, workload.Arguments);
        Assert.Contains("--NotebookApp.notebook_dir=/work", workload.Arguments);
        Assert.Equal(Path.Combine(_runtime.Path, "jupyter"), workload.Environment["HOME"]);
        Assert.Equal(Environment.IsPrivilegedProcess, workload.Arguments.Contains("--allow-root"));
    }

    [Fact]
    public void In_a_container_image_Jupyter_Server_is_Debian_s_module_with_ServerApp_options()
    {
        var workload = WorkloadCatalog.Resolve(new ShLoginSettings { App = AppPreset.JupyterServer }, _runtime, 40000, new SelfCommand("sh-login", []), "/work", inContainerImage: true);

        Assert.Equal("/usr/bin/python3", workload.Command);
        Assert.Equal(["-m", "jupyter_server"], workload.Arguments.Take(2));
        Assert.Contains("--ServerApp.sock=" + _runtime.AppSocket, workload.Arguments);
        Assert.Contains("--ServerApp.root_dir=/work", workload.Arguments);
        Assert.Equal("Jupyter Server", workload.DisplayName);
        Assert.Equal("/api", workload.HealthPath);
        Assert.True(workload.UsesUnixSocket);
    }

    [Fact]
    public void Jupyter_Server_on_a_port_gets_its_token_in_its_environment_never_in_its_arguments()
    {
        var settings = new ShLoginSettings { App = AppPreset.JupyterServer, AppPort = 40001 };

        var workload = WorkloadCatalog.Resolve(settings, _runtime, 40001, new SelfCommand("sh-login", []), "/work", inContainerImage: true);

        var token = workload.Environment["JUPYTER_TOKEN"];
        Assert.Equal("token " + token, workload.SecretHeader?.Value);
        Assert.DoesNotContain(workload.Arguments, argument => argument.Contains(token, StringComparison.Ordinal));
        Assert.Contains("--ServerApp.port=40001", workload.Arguments);
        Assert.False(workload.ReachableByOtherLocalUsers);
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

    [Theory]
    [InlineData(AppPreset.Demo)]
    [InlineData(AppPreset.Jupyter)]
    [InlineData(AppPreset.CodeServer)]
    public void A_preset_on_the_private_socket_is_out_of_other_users_reach(AppPreset app)
    {
        var workload = WorkloadCatalog.Resolve(new ShLoginSettings { App = app }, _runtime, 40000, new SelfCommand("sh-login", []), "/work", inContainerImage: true);

        Assert.True(workload.UsesUnixSocket);
        Assert.False(workload.ReachableByOtherLocalUsers);
        Assert.Null(workload.ExposureWarning);
    }

    [Fact]
    public void Jupyter_on_a_port_requires_a_secret_only_nginx_sends_so_it_is_out_of_other_users_reach()
    {
        var settings = new ShLoginSettings { App = AppPreset.Jupyter, AppPort = 40001 };

        var workload = WorkloadCatalog.Resolve(settings, _runtime, 40001, new SelfCommand("sh-login", []), "/work", inContainerImage: true);

        Assert.False(workload.UsesUnixSocket);
        Assert.NotNull(workload.SecretHeader);
        Assert.Equal("token " + workload.Environment["JUPYTER_TOKEN"], workload.SecretHeader.Value);
        Assert.Null(workload.ExposureWarning);
    }

    public static TheoryData<string, ShLoginSettings> AppsOnAPortWithoutALogin => new()
    {
        { "/opt/app/server", new ShLoginSettings { CommandArguments = ["/opt/app/server"] } },
        { "python3 -m http.server", new ShLoginSettings { Command = "python3 -m http.server" } },
        { "ShLogin demo", new ShLoginSettings { App = AppPreset.Demo, AppPort = 40002 } },
        { "code-server", new ShLoginSettings { App = AppPreset.CodeServer, AppPort = 40002 } },
        { "RStudio Server", new ShLoginSettings { App = AppPreset.RStudio } },
    };

    [Theory]
    [MemberData(nameof(AppsOnAPortWithoutALogin))]
    public void An_app_on_a_loopback_port_without_a_login_of_its_own_is_named_in_a_one_line_warning(string name, ShLoginSettings settings)
    {
        var workload = WorkloadCatalog.Resolve(settings, _runtime, 40002, new SelfCommand("sh-login", []), "/work", inContainerImage: true);

        Assert.True(workload.ReachableByOtherLocalUsers);
        var warning = Assert.IsType<string>(workload.ExposureWarning);
        Assert.StartsWith("warning: the app (" + name + ") listens on 127.0.0.1:40002 ", warning, StringComparison.Ordinal);
        Assert.Contains("other users of this host can reach it", warning, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', warning);
    }

    public static TheoryData<ShLoginSettings> CommandsOnTheSocket => new()
    {
        new ShLoginSettings { CommandArguments = ["/opt/app/server"], AppOnSocket = true },
        new ShLoginSettings { Command = "gunicorn --bind unix:$SH_LOGIN_SOCKET app:app", AppOnSocket = true },
    };

    [Theory]
    [MemberData(nameof(CommandsOnTheSocket))]
    public void A_command_told_to_use_the_socket_is_out_of_other_users_reach(ShLoginSettings settings)
    {
        var workload = WorkloadCatalog.Resolve(settings, _runtime, 40003, new SelfCommand("sh-login", []), "/work", inContainerImage: true);

        Assert.True(workload.UsesUnixSocket);
        Assert.Null(workload.ExposureWarning);
    }

    [Fact]
    public void A_command_on_a_port_is_told_how_to_move_to_the_socket()
    {
        var workload = WorkloadCatalog.Resolve(new ShLoginSettings { Command = "serve" }, _runtime, 40003, new SelfCommand("sh-login", []), "/work", inContainerImage: true);

        Assert.Contains("SH_LOGIN_PORT=socket", workload.ExposureWarning, StringComparison.Ordinal);
    }

    [Fact]
    public void RStudio_cannot_use_the_socket_and_says_so()
    {
        var onSocket = new ShLoginSettings { App = AppPreset.RStudio, AppOnSocket = true };

        var error = Assert.Throws<ConfigurationException>(() => WorkloadCatalog.Resolve(onSocket, _runtime, 40003, new SelfCommand("sh-login", []), "/work", inContainerImage: true));
        Assert.Equal("SH_LOGIN_PORT", error.Setting);
        Assert.Contains("RStudio Server listens on TCP only", error.Message, StringComparison.Ordinal);

        var onPort = WorkloadCatalog.Resolve(new ShLoginSettings { App = AppPreset.RStudio }, _runtime, 40003, new SelfCommand("sh-login", []), "/work", inContainerImage: true);
        Assert.Contains("RStudio Server cannot listen on a unix socket", onPort.ExposureWarning, StringComparison.Ordinal);
        Assert.DoesNotContain("SH_LOGIN_PORT=socket", onPort.ExposureWarning, StringComparison.Ordinal);
    }
}
