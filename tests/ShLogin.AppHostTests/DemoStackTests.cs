using System.Net;
using ShLogin.AppHostTests.Infrastructure;

namespace ShLogin.AppHostTests;

/// <summary>
/// The AppHost's default stack (the demo app) under Aspire.Hosting.Testing: every resource
/// healthy, strangers sent to the login page, the one-click login through to the app, logout
/// revoking the session, the token in no process's arguments, and nothing left once stopped.
/// </summary>
public sealed class DemoStackTests
{
    [Fact]
    public async Task The_demo_stack_comes_up_healthy_serves_the_app_only_after_login_and_logout_revokes()
    {
        Requirements.Nginx();
        string runtimeDirectory;
        string readyFile;
        List<int> programs;
        await using (var stack = await AppHostUnderTest.StartAsync())
        {
            var ready = stack.Ready;
            runtimeDirectory = ready.RuntimeDirectory;
            readyFile = stack.ReadyFile;
            foreach (var name in AppHostUnderTest.ResourceNames)
            {
                Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, stack.Snapshot(name).HealthStatus);
            }

            Assert.Equal("token", ready.Mode);
            Assert.False(string.IsNullOrEmpty(ready.Token));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(runtimeDirectory));

            // The dashboard links to the stack and to its sign-in page.
            var urls = stack.Snapshot("nginx").Urls.Select(u => (u.DisplayProperties.DisplayName, u.Url)).ToList();
            Assert.Contains(("Sign in", ready.LoginUrl + "?token=" + Uri.EscapeDataString(ready.Token!)), urls);
            Assert.Contains(urls, u => u.Url == ready.Url.ToString());

            using (var browser = new StackBrowser(ready.Url))
            {
                using var anonymous = await browser.GetAsync("/private/page");
                Assert.Equal(HttpStatusCode.Found, anonymous.StatusCode);
                Assert.Equal("/auth/login?next=%2Fprivate%2Fpage", anonymous.Headers.Location?.OriginalString);

                using var oneClick = await browser.GetAsync("/auth/login?token=" + Uri.EscapeDataString(ready.Token!));
                Assert.Equal(HttpStatusCode.SeeOther, oneClick.StatusCode);

                using var app = await browser.GetAsync("/");
                Assert.Equal(HttpStatusCode.OK, app.StatusCode);
                Assert.Contains("ShLogin demo", await app.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

                var cookies = browser.Cookies.GetCookieHeader(ready.Url);
                await browser.LogOutAsync();
                using var copied = new StackBrowser(ready.Url);
                using var afterLogout = await copied.GetAsync("/", cookies);
                Assert.Equal(HttpStatusCode.Found, afterLogout.StatusCode);
            }

            // Other users can read every process's arguments: the secrets travel by environment, to the login service only.
            programs = [.. AppHostUnderTest.ResourceNames.Select(stack.ProcessId)];
            foreach (var process in ProcessTable.All())
            {
                Assert.DoesNotContain(ready.Token!, ProcessTable.CommandLine(process.Id), StringComparison.Ordinal);
            }

            var loginService = ProcessTable.Mentioning("--cookie-name").Single(p => ProcessTable.CommandLine(p.Id).Contains(runtimeDirectory, StringComparison.Ordinal) && p.Name == "sh-login");
            Assert.Contains("SH_LOGIN_TOKEN=" + ready.Token, ProcessTable.InitialEnvironment(loginService.Id).Split('\n'));
            Assert.DoesNotContain(ready.Token!, ProcessTable.InitialEnvironment(stack.ProcessId("nginx")), StringComparison.Ordinal);
            Assert.DoesNotContain(ready.Token!, ProcessTable.InitialEnvironment(stack.ProcessId("app")), StringComparison.Ordinal);
        }

        Assert.False(File.Exists(readyFile), "the ready file is removed when the AppHost stops");
        Assert.False(Directory.Exists(runtimeDirectory), "the runtime directory is removed when the AppHost stops");
        Assert.DoesNotContain(ProcessTable.Mentioning(runtimeDirectory), ProcessTable.IsRunning);
    }
}
