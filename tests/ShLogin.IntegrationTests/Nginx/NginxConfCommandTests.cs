using System.CommandLine;
using ShLogin.Cli.Commands;
using ShLogin.IntegrationTests.Infrastructure;
using ShLogin.Nginx;
using Xunit;

namespace ShLogin.IntegrationTests.Nginx;

/// <summary><c>sh-login nginx-conf</c>: its output passes <c>nginx -t</c>; bad input is one line and exit 2.</summary>
public sealed class NginxConfCommandTests
{
    [Theory]
    [InlineData("")]
    [InlineData("--auth-upstream|unix:/run/shlogin/auth.sock|--app-upstream|8888|--listen|443|--server-name|notebook.example.org|--check-websocket-origin")]
    [InlineData("--cookie-name|__Host-notebook|--check-websocket-origin|false")]
    public async Task Prints_a_snippet_that_passes_nginx_t(string commandLine)
    {
        Requirements.Nginx();

        var (exitCode, output, error) = Invoke(commandLine.Split('|', StringSplitOptions.RemoveEmptyEntries));
        using var runtime = new TemporaryDirectory();
        var paths = new NginxRuntimePaths(runtime.Path);
        var check = await NginxProcess.TestConfigAsync(paths, NginxConfigSyntaxTests.HttpContextAround(output, paths));

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("--auth-upstream|unix:/run/user/1000/sh-login/auth.sock|--app-upstream|unix:/run/user/1000/app.sock|--listen|[::1]:8443")]
    public async Task The_built_cli_prints_a_snippet_that_passes_nginx_t(string commandLine)
    {
        Requirements.Nginx();

        var result = await ShLoginCli.RunAsync(["nginx-conf", .. commandLine.Split('|', StringSplitOptions.RemoveEmptyEntries)]);
        using var runtime = new TemporaryDirectory();
        var paths = new NginxRuntimePaths(runtime.Path);
        var check = await NginxProcess.TestConfigAsync(paths, NginxConfigSyntaxTests.HttpContextAround(result.StandardOutput, paths));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.StandardError);
        Assert.Contains("auth_request /auth/check;", result.StandardOutput, StringComparison.Ordinal);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("test is successful", check.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_the_documented_addresses()
    {
        var (exitCode, output, _) = Invoke([]);

        Assert.Equal(0, exitCode);
        Assert.Contains($"server \"{NginxConfCommand.DefaultAuthUpstream}\";", output, StringComparison.Ordinal);
        Assert.Contains($"server \"{NginxConfCommand.DefaultAppUpstream}\";", output, StringComparison.Ordinal);
        Assert.Contains($"listen {NginxConfCommand.DefaultListen};", output, StringComparison.Ordinal);
    }

    [Fact]
    public void By_default_the_snippet_checks_websocket_origins_and_keeps_serve_cookies_from_the_app()
    {
        var (exitCode, output, _) = Invoke([]);
        var (_, named, _) = Invoke(["--cookie-name", "lab_session"]);
        var (_, unchecked_, _) = Invoke(["--check-websocket-origin", "false"]);

        Assert.Equal(0, exitCode);
        Assert.Contains("if ($shlogin_websocket_origin_mismatch)", output, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header Cookie $shlogin_app_cookie;", output, StringComparison.Ordinal);
        Assert.Contains($"{NginxAuthContract.DefaultSessionCookieName}_gate", output, StringComparison.Ordinal);
        Assert.Contains("lab_session_af", named, StringComparison.Ordinal);
        Assert.DoesNotContain("$shlogin_websocket_origin_mismatch", unchecked_, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--cookie-name", "a.b")]
    [InlineData("--cookie-name", "x|(.*)")]
    [InlineData("--cookie-name", "x;y")]
    [InlineData("--auth-upstream", "127.0.0.1:9090;\nserver evil:80")]
    [InlineData("--app-upstream", "http://127.0.0.1:8888/")]
    [InlineData("--app-upstream", "unix:relative.sock")]
    [InlineData("--listen", "80; listen 0.0.0.0:81")]
    [InlineData("--server-name", "a.example.org; include /etc/passwd")]
    [InlineData("--server-name", "a{b")]
    public void Bad_input_is_one_line_naming_the_option_and_exit_code_2(string option, string value)
    {
        var (exitCode, output, error) = Invoke([option, value]);

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"sh-login nginx-conf: {option}: ", line, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output, string Error) Invoke(string[] arguments)
    {
        var root = new RootCommand { NginxConfCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = root.Parse(["nginx-conf", .. arguments]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
