using System.Text.Json;
using Microsoft.Playwright;
using ShLogin.EndToEndTests.Infrastructure;

namespace ShLogin.EndToEndTests.Demo;

/// <summary>The default workload, the demo that ships with ShLogin, behind the stack in Chromium, behind either proxy.</summary>
public sealed class DemoWorkloadTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [MemberData(nameof(Proxies.Both), MemberType = typeof(Proxies))]
    public async Task With_no_workload_given_the_demo_runs_behind_the_login_and_sees_the_signed_in_user_and_echoes_over_WebSocket(string proxy)
    {
        Proxies.Require(proxy);
        await using var stack = await StackProcess.StartAsync(new StackOptions().Using(proxy));
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);

        await page.GotoAsync(new Uri(stack.Url, "deep/path?x=1").ToString());
        Assert.True(await login.IsShownAsync(), $"An unauthenticated request shows {page.Url}, not the login page.");
        await Screenshots.SaveAsync(page, "demo-login-page");

        var accepted = await login.SignInWithTokenAsync(stack.Token);
        Assert.Equal(303, accepted?.Status);
        await page.WaitForPathAsync(path => path == "/deep/path");
        Assert.Equal("/deep/path?x=1", new Uri(page.Url).PathAndQuery);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("/deep/path");
        var text = await page.Locator("body").InnerTextAsync();
        Assert.Contains("X-ShLogin-User", text, StringComparison.OrdinalIgnoreCase);

        // The demo listens on the private socket: nothing to warn about.
        Assert.DoesNotContain("warning:", stack.StandardError, StringComparison.Ordinal);
        Assert.Contains("/deep/path", text, StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "demo-page");

        // The user header comes from the login service through nginx; one the browser sends is replaced.
        var json = await page.EvaluateAsync<string>(
            "async () => await (await fetch('/api/request', { headers: { 'X-ShLogin-User': 'spoofed-admin' } })).text()");
        using (var received = JsonDocument.Parse(json))
        {
            var user = received.RootElement.GetProperty("headers").EnumerateObject()
                .Where(header => header.Name.Equals("X-ShLogin-User", StringComparison.OrdinalIgnoreCase))
                .Select(header => header.Value.ToString())
                .ToList();
            var value = Assert.Single(user);
            Assert.False(string.IsNullOrWhiteSpace(value), "The demo received an empty X-ShLogin-User.");
            Assert.DoesNotContain("spoofed", value, StringComparison.Ordinal);
        }

        var message = "echo-" + Guid.NewGuid().ToString("N");
        var echoed = await page.EvaluateAsync<string>(
            """
            (message) => new Promise((resolve, reject) => {
              const socket = new WebSocket(location.origin.replace(/^http/, 'ws') + '/ws');
              const timer = setTimeout(() => reject(new Error('no echo within 10 s')), 10000);
              socket.onopen = () => socket.send(message);
              socket.onmessage = (event) => { clearTimeout(timer); resolve(String(event.data)); socket.close(); };
              socket.onerror = () => { clearTimeout(timer); reject(new Error('WebSocket error')); };
            })
            """,
            message);
        Assert.Equal(message, echoed);

        await new LoginPage(page).SignOutAsync(stack.Url);
        await page.GotoAsync(new Uri(stack.Url, "deep/path?x=1").ToString());
        Assert.True(await login.IsShownAsync(), $"After signing out the demo shows {page.Url}, not the login page.");
    }
}
