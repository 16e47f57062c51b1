using System.Net;
using System.Net.WebSockets;
using ShLogin.EndToEndTests.Infrastructure;

namespace ShLogin.EndToEndTests.Jupyter;

/// <summary>
/// Nobody but the signed-in browser gets in: not another user of the host (private runtime dir,
/// sockets), not a process lister (command lines), not another web site (the kernel's WebSocket).
/// </summary>
[Collection(JupyterCollectionDefinition.Name)]
public sealed class IsolationTests(JupyterStackFixture jupyter)
{
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Fact]
    public async Task The_ready_file_is_private_and_describes_the_running_stack()
    {
        var stack = await jupyter.GetAsync();
        var ready = stack.Ready;

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(stack.ReadyFilePath));
        Assert.Equal(stack.ProcessId, ready.ProcessId);
        Assert.Equal("token", ready.Mode);
        Assert.Equal(new Uri($"http://127.0.0.1:{ready.NginxPort}/"), ready.Url);
        Assert.Equal(new Uri(ready.Url, "auth/login"), ready.LoginUrl);
        Assert.Equal(stack.TmpDirectory, Path.GetDirectoryName(ready.RuntimeDirectory));
        Assert.True(ready.Token is { Length: >= 22 }, "The generated token is shorter than 128 bits in Base64.");
    }

    [Fact]
    public async Task The_runtime_directory_and_everything_in_it_are_closed_to_group_and_others()
    {
        var stack = await jupyter.GetAsync();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(stack.RuntimeDirectory));
        var open = new DirectoryInfo(stack.RuntimeDirectory)
            .EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(entry => entry.LinkTarget is null && (entry.UnixFileMode & GroupOrOthers) != 0)
            .Select(entry => $"{entry.FullName} ({entry.UnixFileMode})")
            .ToList();
        Assert.True(open.Count == 0, "Open to group or others:\n" + string.Join('\n', open));
    }

    [Fact]
    public async Task The_token_is_in_no_command_line_of_the_stack_or_the_machine()
    {
        var stack = await jupyter.GetAsync();
        using var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        var kernelId = await JupyterApi.StartKernelAsync(client);
        try
        {
            var stackProcesses = stack.Descendants().Append(ProcessTable.Read(stack.ProcessId)!).ToList();
            Assert.Contains(stackProcesses, process => process.Name == "nginx");
            Assert.Contains(stackProcesses, process => process.CommandLine.Contains("ipykernel", StringComparison.Ordinal));

            var leaking = ProcessTable.All()
                .Where(process => process.CommandLine.Contains(stack.Token, StringComparison.Ordinal))
                .ToList();
            Assert.True(leaking.Count == 0, "The token is in the command line of:\n" + string.Join('\n', leaking));
        }
        finally
        {
            await JupyterApi.ShutDownKernelAsync(client, kernelId);
        }
    }

    [Fact]
    public async Task Jupyter_and_its_kernels_never_get_the_token_in_their_environment()
    {
        var stack = await jupyter.GetAsync();
        using var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        var kernelId = await JupyterApi.StartKernelAsync(client);
        try
        {
            var workload = stack.Descendants()
                .Where(process => process.CommandLine.Contains("jupyter", StringComparison.OrdinalIgnoreCase)
                    || process.CommandLine.Contains("ipykernel", StringComparison.Ordinal))
                .ToList();
            Assert.Contains(workload, process => process.CommandLine.Contains("ipykernel", StringComparison.Ordinal));
            Assert.Contains(workload, process => process.CommandLine.Contains("jupyter-notebook", StringComparison.Ordinal));

            var leaking = workload.Where(process => ProcessTable.InitialEnvironment(process.Id).Contains(stack.Token, StringComparison.Ordinal)).ToList();
            Assert.True(leaking.Count == 0, "The token is in the environment of:\n" + string.Join('\n', leaking));
        }
        finally
        {
            await JupyterApi.ShutDownKernelAsync(client, kernelId);
        }
    }

    [Theory]
    [InlineData("app.sock")]
    [InlineData("auth.sock")]
    public async Task A_socket_of_the_stack_refuses_another_user_and_accepts_its_owner(string socketName)
    {
        var stack = await jupyter.GetAsync();
        var python = Requirements.Python();
        Requirements.Root("acting as another user (runuser -u nobody) needs root.");
        var runUser = Requirements.RunUser();
        var socket = Path.Combine(stack.RuntimeDirectory, socketName);
        const string connect = "import socket, sys\ns = socket.socket(socket.AF_UNIX)\ns.connect(sys.argv[1])\nprint('connected')";

        var owner = await ProcessRunner.RunAsync(python, ["-c", connect, socket]);
        var nobody = await ProcessRunner.RunAsync(runUser, ["-u", "nobody", "--", python, "-c", connect, socket]);

        Assert.True(owner.ExitCode == 0 && owner.StandardOutput.Contains("connected", StringComparison.Ordinal), "The owner cannot connect:\n" + owner);
        Assert.True(nobody.ExitCode != 0, "Another user connected:\n" + nobody);
        Assert.Contains("Permission denied", nobody.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_kernel_WebSocket_refuses_another_origin_and_accepts_the_stacks_own()
    {
        var stack = await jupyter.GetAsync();
        using var client = await SignedInClient.SignInAsync(stack.Url, stack.Token);
        var kernelId = await JupyterApi.StartKernelAsync(client);
        try
        {
            var channels = JupyterApi.KernelChannels(stack, kernelId);
            var ownOrigin = $"http://{stack.Url.Authority}";

            Assert.Equal(HttpStatusCode.Forbidden, await HandshakeAsync(channels, client.Cookies, "http://evil.example"));
            Assert.Equal(HttpStatusCode.Forbidden, await HandshakeAsync(channels, client.Cookies, $"http://{stack.Url.Host}:1"));
            Assert.NotEqual(HttpStatusCode.SwitchingProtocols, await HandshakeAsync(channels, cookies: null, ownOrigin));
            Assert.Equal(HttpStatusCode.SwitchingProtocols, await HandshakeAsync(channels, client.Cookies, ownOrigin));
        }
        finally
        {
            await JupyterApi.ShutDownKernelAsync(client, kernelId);
        }
    }

    private static async Task<HttpStatusCode> HandshakeAsync(Uri channels, CookieContainer? cookies, string origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.Cookies = cookies;
        socket.Options.SetRequestHeader("Origin", origin);
        try
        {
            await socket.ConnectAsync(channels, TestContext.Current.CancellationToken);
            Assert.Equal(WebSocketState.Open, socket.State);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", TestContext.Current.CancellationToken);
        }
        catch (WebSocketException)
        {
            // Refused: the status code tells how.
        }

        return socket.HttpStatusCode;
    }
}
