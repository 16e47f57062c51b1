using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShLogin.OtpServer.Endpoints;
using ShLogin.OtpServer.Tests.TestSupport;

namespace ShLogin.OtpServer.Tests.Nginx;

/// <summary>
/// <c>sh-login nginx-conf --otp-server</c> in a real nginx: <c>nginx -t</c> accepts it, and a
/// service behind it is reached only with another service's current code, once.
/// </summary>
public sealed class NginxOtpGateTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private OtpServerHarness _server = null!;
    private WebApplication _app = null!;
    private Process? _nginx;
    private int _nginxPort;
    private HttpClient _client = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var nginx = Requirements.Nginx();
        _server = await OtpServerHarness.StartAsync();
        _app = StartEchoApp();
        await _app.StartAsync(Cancel);

        _nginxPort = FreePort.Next();
        var command = ShLoginExecutable.Command;
        var snippet = await ProcessRunner.RunAsync(command[0], [
            .. command.Skip(1), "nginx-conf",
            "--otp-server", Address(_server.App).Replace("http://", string.Empty, StringComparison.Ordinal),
            "--otp-realm", "services",
            "--app-upstream", Address(_app).Replace("http://", string.Empty, StringComparison.Ordinal),
            "--listen", $"127.0.0.1:{_nginxPort}"]);
        Assert.True(snippet.ExitCode == 0, snippet.ToString());

        var prefix = _directory.Path;
        var config = _directory.Combine("nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            {{(Environment.IsPrivilegedProcess ? "user root;" : string.Empty)}}
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
            {{snippet.StandardOutput}}
            }
            """, Cancel);

        var test = await ProcessRunner.RunAsync(nginx, ["-t", "-p", prefix, "-c", config]);
        Assert.True(test.ExitCode == 0, $"nginx -t refused the snippet:\n{test}");

        _nginx = Process.Start(ProcessRunner.CreateStartInfo(nginx, ["-p", prefix, "-c", config, "-g", "daemon off;"]))!;
        Assert.True(await FreePort.WaitUntilListeningAsync(_nginxPort, TimeSpan.FromSeconds(30), () => _nginx.HasExited), "nginx did not start: " + File.ReadAllText(_directory.Combine("error.log")));
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_nginxPort}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_nginx is { HasExited: false })
        {
            // The master alone would leave its workers listening on the port.
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        }

        _nginx?.Dispose();
        await _app.DisposeAsync();
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Without_credentials_nginx_answers_401()
    {
        var response = await _client.GetAsync(new Uri("/hello", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_current_code_reaches_the_app_once_and_the_app_sees_who_but_not_the_code()
    {
        var caller = await _server.AddAsync("web", "services");
        var code = caller.Code();

        var response = await SendAsync(caller, code, spoof: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Equal("path=/hello name=web realm=services token=", seen);

        var replay = await SendAsync(caller, code);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    [Fact]
    public async Task A_wrong_code_is_401_and_another_realm_is_403()
    {
        var caller = await _server.AddAsync("web", "services");
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(caller, caller.WrongCode())).StatusCode);

        var outsider = await _server.AddAsync("web", "elsewhere");
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(outsider, outsider.Code())).StatusCode);

        // The refused realm's code was not spent: it still verifies elsewhere.
        var checker = await _server.AddAsync("checker", ShLogin.OtpServer.Realms.RealmPolicy.Auth);
        Assert.Equal(HttpStatusCode.OK, (await _server.VerifyAsync(checker, outsider)).StatusCode);
    }

    [Fact]
    public async Task A_caller_cannot_choose_the_realm_nginx_requires()
    {
        var outsider = await _server.AddAsync("web", "elsewhere");
        var request = Request(outsider, outsider.Code());
        request.Headers.Add(OtpEndpoints.RequireRealmHeader, "elsewhere");
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendAsync(request, Cancel)).StatusCode);
    }

    private Task<HttpResponseMessage> SendAsync(TestEntry caller, string code, bool spoof = false)
    {
        var request = Request(caller, code);
        if (spoof)
        {
            request.Headers.Add("X-OTP-Verified-Name", "admin");
        }

        return _client.SendAsync(request, Cancel);
    }

    private static HttpRequestMessage Request(TestEntry caller, string code)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/hello", UriKind.Relative));
        request.Headers.Add(OtpEndpoints.NameHeader, caller.Name);
        request.Headers.Add(OtpEndpoints.RealmHeader, caller.Realm);
        request.Headers.Add(OtpEndpoints.TokenHeader, code);
        return request;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private static WebApplication StartEchoApp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(context => context.Response.WriteAsync(
            $"path={context.Request.Path} name={context.Request.Headers["X-OTP-Verified-Name"]} "
            + $"realm={context.Request.Headers["X-OTP-Verified-Realm"]} token={context.Request.Headers[OtpEndpoints.TokenHeader]}",
            context.RequestAborted));
        return app;
    }
}
