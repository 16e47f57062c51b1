using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ShLogin.Cli.Tests;

/// <summary><c>sh-login demo</c> as <c>sh-login start</c> runs it: a child process stopped by a signal.</summary>
public sealed class DemoExecutableTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("shlogin-demo-exe-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_signal_stops_it_cleanly_with_exit_code_0(string signal)
    {
        var socketPath = Path.Combine(directory, "app.sock");
        using var process = StartDemo(new() { ["SH_LOGIN_SOCKET"] = socketPath });
        var error = process.StandardError.ReadToEndAsync(Cancellation);

        using (await WaitUntilAnsweringAsync(process, socketPath))
        {
        }

        var stopwatch = Stopwatch.StartNew();
        await SendSignalAsync(process, signal);
        await process.WaitForExitAsync(Cancellation).WaitAsync(TimeSpan.FromSeconds(10), Cancellation);

        Assert.Equal(0, process.ExitCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {stopwatch.Elapsed}");
        Assert.False(File.Exists(socketPath));
        var line = Assert.Single((await error).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("sh-login demo: serving on unix:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aspnetcore_settings_cannot_move_it()
    {
        var socketPath = Path.Combine(directory, "app.sock");
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var otherPort = ((IPEndPoint)other.LocalEndpoint).Port;
        other.Stop();
        File.WriteAllText(Path.Combine(directory, "appsettings.json"), $$"""{"urls": "http://127.0.0.1:{{otherPort}}"}""");

        using var process = StartDemo(new()
        {
            ["SH_LOGIN_SOCKET"] = socketPath,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{otherPort}",
            ["ASPNETCORE_HTTP_PORTS"] = $"{otherPort}",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{otherPort}",
        });
        _ = process.StandardError.ReadToEndAsync(Cancellation);

        try
        {
            using var client = await WaitUntilAnsweringAsync(process, socketPath);
            using var missing = await client.GetAsync("/ws", Cancellation);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socketPath));
            Assert.Equal(HttpStatusCode.UpgradeRequired, missing.StatusCode);

            using var probe = new TcpClient();
            await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, otherPort, Cancellation).AsTask());
        }
        finally
        {
            await SendSignalAsync(process, "TERM");
            await process.WaitForExitAsync(Cancellation);
        }

        Assert.Equal(0, process.ExitCode);
    }

    private Process StartDemo(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(ShLoginExecutable.Program)
        {
            ArgumentList = { "demo" },
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("SH_LOGIN_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    private static async Task<HttpClient> WaitUntilAnsweringAsync(Process process, string socketPath)
    {
        var client = UnixSocketHttp.Client(socketPath);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            Assert.False(process.HasExited, "sh-login demo exited early");
            try
            {
                using var health = await client.GetAsync("/healthz", Cancellation);
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
                return client;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, Cancellation);
            }
        }
    }

    private static async Task SendSignalAsync(Process process, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-s", signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        await kill.WaitForExitAsync(Cancellation);
        Assert.Equal(0, kill.ExitCode);
    }
}
