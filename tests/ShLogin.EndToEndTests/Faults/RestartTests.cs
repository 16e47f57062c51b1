using System.Net;
using ShLogin.EndToEndTests.Infrastructure;

namespace ShLogin.EndToEndTests.Faults;

/// <summary>nginx or the login service dying does not end the stack: the supervisor restarts it.</summary>
public sealed class RestartTests
{
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Killed_nginx_is_restarted_and_the_stack_serves_again_within_5_seconds()
    {
        Requirements.Nginx();
        await using var stack = await StackProcess.StartAsync(StackOptions.PythonHttpServer(Requirements.Python()));
        var nginx = stack.Descendants().Where(process => process.Name == "nginx").ToList();
        var master = Assert.Single(nginx, process => process.ParentId == stack.ProcessId);

        foreach (var process in nginx)
        {
            Signals.Send(process.Id, Signals.SigKill);
        }

        var recovery = await Health.TimeUntilHealthyAsync(stack, RecoveryLimit);

        Assert.True(recovery is not null, $"The stack did not serve /auth/healthz within {RecoveryLimit.TotalSeconds} s of nginx being killed.\n{stack.Describe()}");
        Assert.False(ProcessTable.IsRunning(master));
        Assert.Contains(stack.Descendants(), process => process.Name == "nginx" && process.ParentId == stack.ProcessId);
        Assert.False(stack.HasExited);
        await AssertStillGuardsTheAppAsync(stack);
    }

    [Theory]
    [MemberData(nameof(Proxies.Both), MemberType = typeof(Proxies))]
    public async Task A_killed_login_service_is_restarted_within_5_seconds_and_keeps_the_signed_in_session(string proxy)
    {
        Proxies.Require(proxy);
        await using var stack = await StackProcess.StartAsync(StackOptions.PythonHttpServer(Requirements.Python()).Using(proxy));
        using var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        var loginService = Assert.Single(stack.Descendants(), process =>
            process.CommandLine.Contains("sh-login", StringComparison.Ordinal) && process.CommandLine.Contains(" serve", StringComparison.Ordinal));

        Signals.Send(loginService.Id, Signals.SigKill);
        var recovery = await Health.TimeUntilHealthyAsync(stack, RecoveryLimit);

        Assert.True(recovery is not null, $"The stack did not serve /auth/healthz within {RecoveryLimit.TotalSeconds} s of the login service being killed.\n{stack.Describe()}");
        Assert.False(ProcessTable.IsRunning(loginService));
        Assert.False(stack.HasExited);
        using var app = await client.Http.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, app.StatusCode);
        Assert.NotEqual("/auth/login", app.RequestMessage!.RequestUri!.AbsolutePath);
        await AssertStillGuardsTheAppAsync(stack);
    }

    private static async Task AssertStillGuardsTheAppAsync(StackProcess stack)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var http = new HttpClient(handler);
        using var answer = await http.GetAsync(stack.Url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Found, answer.StatusCode);
        Assert.Equal("/auth/login", new Uri(stack.Url, answer.Headers.Location!).AbsolutePath);
    }
}
