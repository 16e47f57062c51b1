using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShLogin.AppHostTests.Infrastructure;
using ShLogin.OtpServer.Totp;
using ShLogin.Testing.Files;
using ShLogin.Testing.Network;

namespace ShLogin.AppHostTests;

/// <summary>
/// <c>--otp-server</c>: the OTP server for micro services beside the stack, on PostgreSQL from
/// Debian's package (run by DCP, as an unprivileged user when the tests are root) or on SQLite; its
/// first admin entry made by the AppHost, whose seed is in a 0600 file and on the AppHost's
/// terminal once, in no resource's console; verification through its unix socket; nothing of
/// PostgreSQL left once the AppHost stops.
/// </summary>
public sealed class OtpServerStackTests
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);

    /// <summary>DCP stops processes in 4–19 s here; a little more on a loaded machine.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(40);

    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task With_postgres_the_admin_creates_an_entry_and_verifies_its_code_once_the_seed_is_in_no_resource_log_and_no_postgres_is_left()
    {
        Requirements.Nginx();
        Requirements.PostgreSql();
        var logs = new LogCapture();
        string runtimeDirectory;
        string clusterDirectory;
        List<ProcessInfo> postgres;
        string adminSeed;
        string shopSeed;
        await using (var stack = await AppHostUnderTest.StartAsync(logs.AddTo, "--otp-server", "postgres"))
        {
            runtimeDirectory = stack.Ready.RuntimeDirectory;
            var otp = stack.Ready.OtpServer ?? throw new InvalidOperationException("the ready file has no otp_server_* fields");
            Assert.Equal("postgres", otp.Store);
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, stack.Snapshot("postgres").HealthStatus);
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, stack.Snapshot("otp-server").HealthStatus);
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(otp.AdminSeedFile));
            Assert.StartsWith(runtimeDirectory + "/", otp.Socket, StringComparison.Ordinal);
            adminSeed = (await File.ReadAllTextAsync(otp.AdminSeedFile, TestContext.Current.CancellationToken)).Trim();

            // The server's state is in PostgreSQL: no SQLite file beside its key.
            var dataDirectory = Path.GetDirectoryName(otp.AdminSeedFile)!;
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(dataDirectory, "otp-server.key")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dataDirectory));
            Assert.False(File.Exists(Path.Combine(dataDirectory, "otp-server.db")), "with postgres there is no SQLite file");

            // PostgreSQL: the postmaster DCP started, never root, on a socket only, in a directory of its own.
            var postmaster = stack.ProcessId("postgres");
            var arguments = ProcessTable.CommandLine(postmaster);
            Assert.Contains("listen_addresses=", arguments, StringComparison.Ordinal);
            clusterDirectory = arguments.Split(' ').SkipWhile(a => a != "-k").Skip(1).First();
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(clusterDirectory));
            if (Environment.IsPrivilegedProcess)
            {
                Assert.DoesNotContain(File.ReadLines($"/proc/{postmaster}/status"), line => line.StartsWith("Uid:\t0\t", StringComparison.Ordinal));
            }

            // The connection string reaches the server as a file named in its environment, never as an argument.
            var server = ProcessTable.Mentioning(otp.Socket).First(p => p.Name == "sh-login");
            Assert.Contains("SH_LOGIN_OTP_SERVER_POSTGRES_FILE=", ProcessTable.InitialEnvironment(server.Id), StringComparison.Ordinal);
            Assert.DoesNotContain("Host=", ProcessTable.CommandLine(server.Id), StringComparison.Ordinal);

            using var client = UnixSocketHttp.Client(otp.Socket);
            shopSeed = await CreateEntryAsync(client, otp, adminSeed, "shop", "services");
            var shopCode = TotpCheck.Compute(Base32(shopSeed), DateTimeOffset.UtcNow);

            var wrong = shopCode == "000000" ? "000001" : "000000";
            using (var refused = await VerifyAsync(client, otp, adminSeed, "shop", "services", wrong))
            {
                Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            }

            using (var verified = await VerifyAsync(client, otp, adminSeed, "shop", "services", shopCode))
            {
                Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
                Assert.Equal("""{"status":"OK"}""", await verified.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            }

            // Spent: the same code again is a replay, refused by the row PostgreSQL keeps.
            using (var replay = await VerifyAsync(client, otp, adminSeed, "shop", "services", shopCode))
            {
                Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
            }

            postgres = [ProcessTable.Read(postmaster)!, .. ProcessTable.Descendants(postmaster)];
            Assert.Contains(postgres, p => ProcessTable.CommandLine(p.Id).Contains("otp_server", StringComparison.Ordinal));

            // What the dashboard shows of the resources: their console lines, none with a seed.
            Assert.Contains(logs.ResourceLines("otp-server"), line => line.Contains("listening on http://unix:" + otp.Socket, StringComparison.Ordinal));
            Assert.Contains(logs.ResourceLines("postgres"), line => line.Contains("ready to accept connections", StringComparison.Ordinal));
            foreach (var process in ProcessTable.All())
            {
                Assert.DoesNotContain(adminSeed, ProcessTable.CommandLine(process.Id), StringComparison.Ordinal);
            }
        }

        Assert.DoesNotContain(logs.Lines, entry => entry.Line.Contains(adminSeed, StringComparison.Ordinal) || entry.Line.Contains(shopSeed, StringComparison.Ordinal));
        Assert.False(Directory.Exists(runtimeDirectory), "the runtime directory is removed when the AppHost stops");
        Assert.False(Directory.Exists(clusterDirectory), "PostgreSQL's directory is removed when the AppHost stops");
        await AssertGoneAsync(postgres);
    }

    [Fact]
    public async Task With_sqlite_dotnet_run_prints_the_admin_seed_once_the_admin_verifies_itself_and_SIGTERM_stops_everything()
    {
        Requirements.Nginx();
        using var directory = new TemporaryDirectory();
        var readyFile = directory.Combine("ready.json");
        await using var appHost = AppHostProcess.Start(["--otp-server", "sqlite", "--ready-file", readyFile], directory.Path);
        var ready = await appHost.WaitForReadyFileAsync(readyFile, ReadyTimeout);
        await appHost.WaitForOutputAsync("Stop with Ctrl-C.", TimeSpan.FromSeconds(10));
        var otp = ready.OtpServer ?? throw new InvalidOperationException("the ready file has no otp_server_* fields");

        Assert.Equal("sqlite", otp.Store);
        Assert.Equal("admin", otp.AdminName);
        Assert.Equal("ungleich-admin", otp.AdminRealm);
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(otp.AdminSeedFile));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(otp.Socket) & (UnixFileMode)0x1FF);
        var seed = (await File.ReadAllTextAsync(otp.AdminSeedFile, TestContext.Current.CancellationToken)).Trim();
        var printed = appHost.Output.Split(seed).Length - 1;
        Assert.True(printed == 1, $"the seed is printed once on the AppHost's terminal, not {printed} times:\n{appHost.Output}");
        Assert.Contains("  Socket:     " + otp.Socket, appHost.Output, StringComparison.Ordinal);

        using (var client = UnixSocketHttp.Client(otp.Socket))
        {
            var code = TotpCheck.Compute(Base32(seed), DateTimeOffset.UtcNow);
            using var refused = await VerifyAsync(client, otp, seed, otp.AdminName, otp.AdminRealm, code == "000000" ? "000001" : "000000");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            using var verified = await VerifyAsync(client, otp, seed, otp.AdminName, otp.AdminRealm, code);
            Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
            Assert.Equal("""{"status":"OK"}""", await verified.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        appHost.Signal(AppHostProcess.NativeSignals.SigTerm);
        var exitCode = await appHost.WaitForExitAsync(StopTimeout);
        Assert.True(exitCode == 0, $"exit code {exitCode} after SIGTERM:\n{appHost.Output}");
        Assert.False(File.Exists(readyFile), "the ready file is removed at exit");
        Assert.False(Directory.Exists(ready.RuntimeDirectory), "the runtime directory, with the seed file and the database, is removed at exit");
        await AssertGoneAsync([.. ProcessTable.Mentioning(otp.Socket)]);
    }

    /// <summary>Creates an entry as the admin; its seed.</summary>
    private static async Task<string> CreateEntryAsync(HttpClient client, OtpServerReady otp, string adminSeed, string name, string realm)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ungleichotp/")
        {
            Content = JsonContent.Create(new Dictionary<string, string> { ["name"] = name, ["realm"] = realm, ["username"] = "ops" }),
        };
        request.Headers.Add("X-OTP-Name", otp.AdminName);
        request.Headers.Add("X-OTP-Realm", otp.AdminRealm);
        request.Headers.Add("X-OTP-Token", TotpCheck.Compute(Base32(adminSeed), DateTimeOffset.UtcNow));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"creating {name}@{realm}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("seed").GetString()!;
    }

    /// <summary>The admin verifies <paramref name="name"/>@<paramref name="realm"/>'s <paramref name="code"/>.</summary>
    private static Task<HttpResponseMessage> VerifyAsync(HttpClient client, OtpServerReady otp, string adminSeed, string name, string realm, string code) =>
        client.PostAsJsonAsync(
            "/ungleichotp/verify",
            new Dictionary<string, string>
            {
                ["version"] = "1",
                ["name"] = otp.AdminName,
                ["realm"] = otp.AdminRealm,
                ["token"] = TotpCheck.Compute(Base32(adminSeed), DateTimeOffset.UtcNow),
                ["verifyname"] = name,
                ["verifyrealm"] = realm,
                ["verifytoken"] = code,
            },
            TestContext.Current.CancellationToken);

    private static byte[] Base32(string seed) => OtpNet.Base32Encoding.ToBytes(seed);

    private static async Task AssertGoneAsync(IReadOnlyList<ProcessInfo> processes)
    {
        var deadline = Stopwatch.StartNew();
        List<ProcessInfo> alive;
        while ((alive = [.. processes.Where(ProcessTable.IsRunning)]).Count > 0 && deadline.Elapsed < StopTimeout)
        {
            await Task.Delay(200);
        }

        Assert.True(alive.Count == 0, $"still running {StopTimeout.TotalSeconds:0} s after the AppHost stopped: " + string.Join(", ", alive.Select(p => $"{p.Name} ({p.Id})")));
    }
}
