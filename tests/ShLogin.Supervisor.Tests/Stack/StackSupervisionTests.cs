using ShLogin.Stack;
using ShLogin.Supervisor.Processes;
using ShLogin.Supervisor.Stack;
using ShLogin.Testing;

namespace ShLogin.Supervisor.Tests.Stack;

/// <summary>How <c>start</c> supervises the three programs of a <see cref="StackDescription"/>.</summary>
public sealed class StackSupervisionTests : IDisposable
{
    private const string NginxProgram = "/usr/sbin/nginx";
    private readonly string _dir = Directory.CreateTempSubdirectory("shlogin-stack-supervision-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private StackDescription Prepare(string command, ShLogin.Configuration.ProxyMode proxy = ShLogin.Configuration.ProxyMode.Nginx) => StackDescription.Prepare(new StackRequest
    {
        Proxy = proxy,
        Environment = new Dictionary<string, string?>
        {
            ["TMPDIR"] = _dir,
            ["SH_LOGIN_CMD"] = command,
            ["SH_LOGIN_TOKEN"] = "a-token-of-the-stack-under-test-0123456789",
        },
        WorkingDirectory = _dir,
        Self = new SelfCommand("/bin/true", []),
        Account = "user@host",
    });

    [Fact]
    public void The_login_service_is_restarted_and_its_death_empties_the_session_gate()
    {
        using var stack = Prepare("sleep 60");
        var programs = StackSupervision.Programs(stack, NginxProgram, restartWorkload: false);
        var login = programs.Single(p => p.Name == StackDescription.LoginName);
        var nginx = programs.Single(p => p.Name == StackDescription.NginxName);
        nginx.BeforeEachStart!();
        var listed = Path.Combine(stack.NginxPaths.SessionGateDirectory, "listed-session");
        File.WriteAllText(listed, string.Empty);

        login.OnUnexpectedExit!(137);

        Assert.Same(stack.Login, login.Program);
        Assert.Equal(ExitBehavior.Restart, login.ExitBehavior);
        Assert.False(File.Exists(listed), "a session listed by the dead login service is still honoured");
    }

    [Fact]
    public void Nginx_waits_for_the_login_service_its_workers_get_SIGKILL_and_its_config_is_written_before_each_start()
    {
        using var stack = Prepare("sleep 60");
        var programs = StackSupervision.Programs(stack, NginxProgram, restartWorkload: false);
        var login = programs.Single(p => p.Name == StackDescription.LoginName);
        var nginx = programs.Single(p => p.Name == StackDescription.NginxName);

        Assert.Equal([login], nginx.WaitsFor);
        Assert.Equal(Signals.SigKill, nginx.LeftoverSignal);
        Assert.Equal(NginxProgram, nginx.Program.Command);
        Assert.Equal(ExitBehavior.Restart, nginx.ExitBehavior);
        Assert.False(File.Exists(stack.NginxPaths.ConfigFile));

        nginx.BeforeEachStart!();
        File.WriteAllText(stack.NginxPaths.ConfigFile, "changed");
        nginx.BeforeEachStart!();

        Assert.Contains(stack.NginxPaths.AppAvailableFile, File.ReadAllText(stack.NginxPaths.ConfigFile), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(stack.NginxPaths.ConfigFile));
    }

    [Theory]
    [InlineData(false, ExitBehavior.StopAll)]
    [InlineData(true, ExitBehavior.Restart)]
    public void The_workload_ends_the_run_when_it_exits_unless_it_is_restarted(bool restart, ExitBehavior expected)
    {
        using var stack = Prepare("sleep 60");

        var app = StackSupervision.Programs(stack, NginxProgram, restart).Single(p => p.Name == StackDescription.AppName);

        Assert.Equal(expected, app.ExitBehavior);
        Assert.Same(stack.App, app.Program);
    }

    [Fact]
    public void A_workload_on_a_loopback_port_is_ready_only_with_its_own_listener_and_nginx_forwards_to_it_only_while_it_runs()
    {
        using var stack = Prepare("sleep 60");
        Assert.False(stack.App.Endpoint.IsUnixSocket);
        var app = StackSupervision.Programs(stack, NginxProgram, restartWorkload: false).Single(p => p.Name == StackDescription.AppName);
        var gateFile = stack.NginxPaths.AppAvailableFile;

        app.BeforeEachStart!();
        Assert.False(File.Exists(gateFile), "the gate is open before the app started");

        // This test process listens on nothing at the app's port: not ready, whatever else may listen there.
        Assert.False(app.ReadinessCheck!(Environment.ProcessId).IsReady);

        app.OnHealthy!();
        Assert.True(File.Exists(gateFile), "the gate did not open once the app was ready");
        app.OnUnexpectedExit!(1);
        Assert.False(File.Exists(gateFile), "the gate stayed open after the app exited");
        app.OnHealthy!();
        app.OnStopped!();
        Assert.False(File.Exists(gateFile), "the gate stayed open after the app was stopped");
    }

    [Fact]
    public void With_the_builtin_proxy_there_is_no_nginx_and_the_login_service_listens_on_the_public_port_and_forwards_to_the_app()
    {
        using var stack = Prepare("sleep 60", ShLogin.Configuration.ProxyMode.Builtin);
        var programs = StackSupervision.Programs(stack, nginxProgram: null, restartWorkload: false);

        Assert.Equal([StackDescription.LoginName, StackDescription.AppName], programs.Select(p => p.Name));
        var arguments = stack.Login.Arguments;
        Assert.Equal($"127.0.0.1:{stack.Ports.Nginx}", arguments[IndexAfter(arguments, BuiltinProxyOptionNames.Listen)]);
        Assert.Equal($"127.0.0.1:{stack.Ports.App}", arguments[IndexAfter(arguments, BuiltinProxyOptionNames.App)]);
        Assert.Equal(stack.NginxPaths.AppAvailableFile, arguments[IndexAfter(arguments, BuiltinProxyOptionNames.AppAvailableFile)]);
        Assert.DoesNotContain(NginxGateOptionNames.SessionDirectory, arguments);
        Assert.Contains(BuiltinProxyOptionNames.AppSecretHeaderVariable, stack.Login.RemovedEnvironment);
    }

    [Fact]
    public void As_the_builtin_proxy_the_login_service_has_a_larger_allocation_budget_than_behind_nginx()
    {
        using var behindNginx = Prepare("sleep 60");
        using var asProxy = Prepare("sleep 60", ShLogin.Configuration.ProxyMode.Builtin);

        // Hexadecimal without "0x", as the Native AOT runtime reads it: 1 MB and 4 MB.
        Assert.Equal("100000", behindNginx.Login.Environment["DOTNET_GCgen0size"]);
        Assert.Equal("400000", asProxy.Login.Environment["DOTNET_GCgen0size"]);
    }

    [Fact]
    public void Jupyters_internal_secret_reaches_the_builtin_proxy_only_through_its_environment()
    {
        var environment = new Dictionary<string, string?>
        {
            ["TMPDIR"] = _dir,
            ["SH_LOGIN_APP"] = "jupyter",
            ["SH_LOGIN_PORT"] = "45678",
            ["SH_LOGIN_TOKEN"] = "a-token-of-the-stack-under-test-0123456789",
            ["PATH"] = Environment.GetEnvironmentVariable("PATH"),
        };
        Requirements.Jupyter();
        var stack = StackDescription.Prepare(new StackRequest
        {
            Environment = environment,
            WorkingDirectory = _dir,
            Self = new SelfCommand("/bin/true", []),
            Account = "user@host",
            Proxy = ShLogin.Configuration.ProxyMode.Builtin,
        });
        using (stack)
        {
            var secret = Assert.IsType<ShLogin.Nginx.AppSecretHeader>(stack.Workload.SecretHeader);
            Assert.Equal($"{secret.Name}: {secret.Value}", stack.Login.SecretEnvironment[BuiltinProxyOptionNames.AppSecretHeaderVariable]);
            Assert.DoesNotContain(stack.Login.Arguments, argument => argument.Contains(secret.Value, StringComparison.Ordinal));
        }
    }

    private static int IndexAfter(IReadOnlyList<string> arguments, string option) => arguments.ToList().IndexOf(option) + 1;

    [Fact]
    public void A_workload_on_a_unix_socket_needs_no_port_guard()
    {
        using var stack = Prepare("sleep 60");
        var onSocket = StackDescription.Prepare(new StackRequest
        {
            Environment = new Dictionary<string, string?>
            {
                ["TMPDIR"] = _dir,
                ["SH_LOGIN_APP"] = "demo",
                ["SH_LOGIN_TOKEN"] = "a-token-of-the-stack-under-test-0123456789",
            },
            WorkingDirectory = _dir,
            Self = new SelfCommand("/bin/true", []),
            Account = "user@host",
        });
        using (onSocket)
        {
            Assert.True(onSocket.App.Endpoint.IsUnixSocket);

            var app = StackSupervision.Programs(onSocket, NginxProgram, restartWorkload: false).Single(p => p.Name == StackDescription.AppName);

            Assert.Null(app.ReadinessCheck);
            Assert.Null(app.OnHealthy);
            Assert.Null(app.BeforeEachStart);
        }

        Assert.NotNull(StackSupervision.Programs(stack, NginxProgram, restartWorkload: false).Single(p => p.Name == StackDescription.AppName).ReadinessCheck);
    }
}
