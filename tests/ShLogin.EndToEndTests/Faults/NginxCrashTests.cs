using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ShLogin.EndToEndTests.Infrastructure;
using ShLogin.Nginx;

namespace ShLogin.EndToEndTests.Faults;

/// <summary>
/// nginx's master killed outright (<c>kill -9</c>, the OOM killer): its workers do not outlive it
/// serving stale sessions, a new nginx serves the same port, and a logout still takes effect
/// within the documented bound.
/// </summary>
public sealed class NginxCrashTests
{
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task After_kill_9_of_the_nginx_master_no_worker_survives_nginx_serves_the_same_port_and_a_logout_takes_effect_within_1_second()
    {
        Requirements.Nginx();
        await using var stack = await StackProcess.StartAsync(StackOptions.PythonHttpServer(Requirements.Python()));
        using var browser = FormBrowser.For(stack.Url);
        using (var signIn = await browser.GetAsync($"/auth/login?token={Uri.EscapeDataString(stack.Token)}"))
        {
            Assert.True(signIn.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"one-click login answered {(int)signIn.StatusCode}");
        }

        var sessionCookies = CookieHeader(browser, stack);
        Assert.Equal(HttpStatusCode.OK, await CookieRequests.StatusAsync(stack, sessionCookies));
        var master = Assert.Single(stack.Descendants(), process => process.Name == "nginx" && process.ParentId == stack.ProcessId);
        var group = ProcessTable.Descendants(master.Id).Append(master).ToList();
        Assert.Contains(group, process => process.ParentId == master.Id);

        Signals.Send(master.Id, Signals.SigKill);
        var survivors = await SurvivorsAfterAsync(group, RecoveryLimit);
        var recovery = await Health.TimeUntilHealthyAsync(stack, RecoveryLimit);

        Assert.True(survivors.Count == 0, "Processes of the killed nginx master still run:\n" + string.Join('\n', survivors) + "\n" + stack.Describe());
        Assert.True(recovery is not null, $"Nothing served /auth/healthz on port {stack.Ready.NginxPort} within {RecoveryLimit.TotalSeconds} s of the kill.\n{stack.Describe()}");
        var successor = Assert.Single(stack.Descendants(), process => process.Name == "nginx" && process.ParentId == stack.ProcessId);
        Assert.NotEqual(master.Id, successor.Id);
        Assert.DoesNotContain("Address already in use", stack.StandardError, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await CookieRequests.StatusAsync(stack, sessionCookies));

        using (var logout = await browser.SubmitFormAsync("/auth/logout"))
        {
            Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        }

        var refused = await CookieRequests.TimeUntilSentToLoginAsync(stack, sessionCookies, NginxSessionGate.RevocationBound);
        Assert.True(refused is not null, $"The logged-out session still reached the app {NginxSessionGate.RevocationBound.TotalSeconds} s after logout.\n{stack.Describe()}");

        var port = stack.Ready.NginxPort;
        stack.Signal(Signals.SigTerm);
        Assert.True(await stack.WaitForExitAsync(TimeSpan.FromSeconds(15)) == 0, "start did not stop with 0.\n" + stack.Describe());
        Assert.False(await AcceptsConnectionsAsync(port), $"Something still listens on the public port {port} after start stopped.");
    }

    private static string CookieHeader(FormBrowser browser, StackProcess stack)
    {
        var name = StackCookieName(stack);
        var session = browser.Cookie(name) ?? throw new InvalidOperationException("no session cookie " + name);
        var gate = browser.Cookie(NginxAuthContract.GateCookieName(name));
        return gate is null ? $"{name}={session}" : $"{name}={session}; {NginxAuthContract.GateCookieName(name)}={gate}";
    }

    private static string StackCookieName(StackProcess stack) =>
        "shlogin_" + stack.Ready.NginxPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<IReadOnlyList<ProcessInfo>> SurvivorsAfterAsync(IReadOnlyList<ProcessInfo> processes, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        var running = processes.Where(ProcessTable.IsRunning).ToList();
        while (running.Count > 0 && waited.Elapsed < limit)
        {
            await Task.Delay(PollInterval, TestContext.Current.CancellationToken);
            running = [.. running.Where(ProcessTable.IsRunning)];
        }

        return running;
    }

    private static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
