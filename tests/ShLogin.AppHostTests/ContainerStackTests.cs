using System.Net;
using ShLogin.AppHostTests.Infrastructure;

namespace ShLogin.AppHostTests;

/// <summary>
/// The AppHost with <c>--containers</c> under Aspire.Hosting.Testing: nginx and the workload as
/// podman containers of ShLogin's images, the login service from source, reached through the
/// runtime directory's sockets; every container gone once the application stops.
/// </summary>
public sealed class ContainerStackTests
{
    [Theory]
    [InlineData("demo", "localhost/shlogin:latest", "/", "ShLogin demo")]
    [InlineData("jupyter", "localhost/shlogin-jupyter:latest", "/api", "\"version\"")]
    [InlineData("jupyter-server", "localhost/shlogin-jupyter:latest", "/api/kernelspecs", "\"python3\"")]
    public async Task The_container_stack_serves_the_app_only_after_login_and_leaves_no_container(
        string workload, string workloadImage, string protectedPath, string expectedContent)
    {
        var podman = await Podman.RequireWithImagesAsync("localhost/shlogin:latest", workloadImage);
        Environment.SetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME", "podman");
        string runtimeDirectory;
        await using (var stack = await AppHostUnderTest.StartAsync("--containers", "--workload", workload))
        {
            var ready = stack.Ready;
            runtimeDirectory = ready.RuntimeDirectory;
            Assert.Equal("127.0.0.1", ready.Url.Host);
            using var browser = new StackBrowser(ready.Url);
            using var anonymous = await browser.GetAsync(protectedPath);
            Assert.Equal(HttpStatusCode.Found, anonymous.StatusCode);

            using var login = await browser.LogInAsync(ready.Token!, protectedPath);
            Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);

            using var signedIn = await browser.GetAsync(protectedPath);
            var body = await signedIn.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(signedIn.StatusCode == HttpStatusCode.OK, $"{(int)signedIn.StatusCode} from {protectedPath} after login:\n{body}");
            Assert.Contains(expectedContent, body, StringComparison.Ordinal);

            var (listed, running) = await Podman.RunAsync(podman, "ps", "--quiet", "--filter", "label=io.shlogin.runtime-dir=" + runtimeDirectory);
            Assert.Equal(0, listed);
            Assert.Equal(2, running.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }

        // DCP removes the containers once the application has stopped (seconds).
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        string left;
        do
        {
            (_, left) = await Podman.RunAsync(podman, "ps", "--all", "--quiet", "--filter", "label=io.shlogin.runtime-dir=" + runtimeDirectory);
            if (left.Length == 0)
            {
                break;
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
        while (deadline.Elapsed < TimeSpan.FromSeconds(60));

        Assert.True(left.Length == 0, "containers left after the application stopped: " + left);
    }
}
