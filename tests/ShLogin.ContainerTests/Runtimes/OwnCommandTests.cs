using System.Net;
using ShLogin.ContainerTests.Infrastructure;

namespace ShLogin.ContainerTests.Runtimes;

/// <summary>
/// The Jupyter image runs Jupyter by default, but a command the user gives in SH_LOGIN_CMD replaces
/// it (it does not clash with the image's choice), under Docker/Podman and under Apptainer alike.
/// </summary>
public sealed class OwnCommandTests
{
    private const int ContainerPort = 8080;
    private const string FileServer = "exec python3 -m http.server --bind 127.0.0.1 \"$SH_LOGIN_PORT\"";

    [Fact]
    public async Task Docker_style_SH_LOGIN_CMD_replaces_the_images_Jupyter()
    {
        var image = await ContainerImages.RequireAsync(ContainerImages.Jupyter);
        using var files = await HostDirectory.CreateAsync();
        using var ready = await HostDirectory.CreateAsync();
        var hostPort = FreePort.Next();

        await using var container = await RunningContainer.StartAsync(
            Containers.Of(image)
                .WithLoopbackPort(hostPort, ContainerPort)
                .WithEnvironment("SH_LOGIN_NGINX", ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithEnvironment("SH_LOGIN_CMD", FileServer)
                .WithBindMount(files.Path, "/home/shlogin/work")
                .WithBindMount(ready.Path, "/ready")
                .WithCommand("--ready-file", "/ready/stack.json"));
        var stack = await container.WaitForReadyFileAsync(ready.Combine("stack.json"));

        await AssertServesTheWorkingDirectoryAfterSignInAsync(new Uri($"http://127.0.0.1:{hostPort}/"), stack.Token, files);
    }

    [Fact]
    public async Task Singularity_style_SH_LOGIN_CMD_replaces_the_images_Jupyter()
    {
        var image = await ContainerImages.RequireAsync(ContainerImages.Jupyter);
        using var files = await HostDirectory.CreateAsync();

        await using var container = await RunningContainer.StartAsync(
            SingularityStyle.Run(image, SingularityStyle.Runtime.Apptainer, [files], "--ready-file", files.Combine(".stack.json"))
                .WithEnvironment("SH_LOGIN_CMD", FileServer));
        var stack = await container.WaitForReadyFileAsync(files.Combine(".stack.json"));

        await AssertServesTheWorkingDirectoryAfterSignInAsync(stack.Url, stack.Token, files);
    }

    // Python's file server lists the working directory: only a signed-in client sees the file in it.
    private static async Task AssertServesTheWorkingDirectoryAfterSignInAsync(Uri baseUrl, string token, HostDirectory directory)
    {
        var name = $"own-command-{Guid.NewGuid():N}.txt";
        var content = Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(directory.Combine(name), content, TestContext.Current.CancellationToken);

        using (var anonymous = FormBrowser.For(baseUrl))
        using (var refused = await anonymous.GetAsync(name))
        {
            Assert.Equal(HttpStatusCode.Found, refused.StatusCode);
        }

        using var client = await SignedInClient.SignInAsync(baseUrl, token);
        Assert.Equal(content, await client.Http.GetStringAsync(new Uri(name, UriKind.Relative), TestContext.Current.CancellationToken));
        Assert.Contains("Directory listing for /", await client.Http.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
