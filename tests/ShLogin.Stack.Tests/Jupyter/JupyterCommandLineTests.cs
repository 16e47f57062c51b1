using ShLogin.Stack.Jupyter;

namespace ShLogin.Stack.Tests.Jupyter;

public sealed class JupyterCommandLineTests
{
    private static readonly JupyterListen OnSocket = new() { Socket = "/run/shl/app.sock" };
    private static readonly JupyterListen OnPort = new() { Port = 41234 };

    [Theory]
    [InlineData(JupyterKind.Notebook)]
    [InlineData(JupyterKind.Lab)]
    [InlineData(JupyterKind.Server)]
    public void Jupyter_Server_applications_get_ServerApp_options_on_the_private_socket_with_no_token_or_password(JupyterKind kind)
    {
        var arguments = JupyterCommandLine.Arguments(kind, OnSocket, "/home/u/work", asRoot: false);

        Assert.Contains("--ServerApp.sock=/run/shl/app.sock", arguments);
        Assert.Contains("--ServerApp.sock_mode=0600", arguments);
        Assert.Contains("--ServerApp.token=", arguments);
        Assert.Contains("--IdentityProvider.token=", arguments);
        Assert.Contains("--ServerApp.password=", arguments);
        Assert.Contains("--PasswordIdentityProvider.hashed_password=", arguments);
        Assert.Contains("--PasswordIdentityProvider.password_required=False", arguments);
        Assert.Contains("--ServerApp.root_dir=/home/u/work", arguments);
        Assert.Contains("--no-browser", arguments);
        Assert.DoesNotContain(arguments, argument => argument.StartsWith("--NotebookApp.", StringComparison.Ordinal));
        Assert.DoesNotContain(arguments, argument => argument.Contains("port", StringComparison.Ordinal) || argument.StartsWith("--ServerApp.ip", StringComparison.Ordinal));

        // Neither the XSRF check nor the Origin check is switched off: nginx keeps Host, so Jupyter's own checks hold.
        Assert.DoesNotContain(arguments, argument => argument.Contains("disable_check_xsrf", StringComparison.Ordinal) || argument.Contains("allow_origin", StringComparison.Ordinal));
    }

    [Fact]
    public void On_a_loopback_port_Jupyter_Server_keeps_its_token_which_is_not_on_the_command_line()
    {
        var arguments = JupyterCommandLine.Arguments(JupyterKind.Server, OnPort, "/work", asRoot: false);

        Assert.Equal(["--ServerApp.ip=127.0.0.1", "--ServerApp.port=41234", "--ServerApp.port_retries=0"], arguments.TakeLast(3));
        Assert.DoesNotContain(arguments, argument => argument.Contains("token", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(arguments, argument => argument.Contains("sock", StringComparison.Ordinal));
    }

    [Fact]
    public void Classic_Notebook_gets_NotebookApp_options_as_before()
    {
        Assert.Equal(
            ["--no-browser", "--NotebookApp.password=", "--NotebookApp.allow_remote_access=True", "--NotebookApp.notebook_dir=/work", "--NotebookApp.token=", "--sock", "/run/shl/app.sock", "--sock-mode", "0600"],
            JupyterCommandLine.Arguments(JupyterKind.ClassicNotebook, OnSocket, "/work", asRoot: false));
        Assert.Equal(
            ["--no-browser", "--NotebookApp.password=", "--NotebookApp.allow_remote_access=True", "--NotebookApp.notebook_dir=/work", "--allow-root", "--ip=127.0.0.1", "--port=41234", "--port-retries=0"],
            JupyterCommandLine.Arguments(JupyterKind.ClassicNotebook, OnPort, "/work", asRoot: true));
    }

    [Theory]
    [InlineData(JupyterKind.ClassicNotebook)]
    [InlineData(JupyterKind.Server)]
    public void Root_is_allowed_only_when_running_as_root(JupyterKind kind)
    {
        Assert.Contains("--allow-root", JupyterCommandLine.Arguments(kind, OnSocket, "/work", asRoot: true));
        Assert.DoesNotContain("--allow-root", JupyterCommandLine.Arguments(kind, OnSocket, "/work", asRoot: false));
    }
}
