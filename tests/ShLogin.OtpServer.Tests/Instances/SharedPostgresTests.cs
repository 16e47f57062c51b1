using System.Net;
using System.Net.Http.Json;
using System.Text;
using ShLogin.Configuration;
using ShLogin.OtpServer.Endpoints;
using ShLogin.OtpServer.Realms;
using ShLogin.OtpServer.Tests.TestSupport;
using ShLogin.OtpServer.Totp;

namespace ShLogin.OtpServer.Tests.Instances;

/// <summary>
/// Two <c>sh-login otp-server</c> processes on one PostgreSQL (the real clock, real sockets):
/// what one makes the other knows, a code is accepted once across both, and a killed instance
/// loses nothing it committed.
/// </summary>
public sealed class SharedPostgresTests(PostgresCluster cluster) : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private Dictionary<string, string?> _environment = null!;
    private byte[] _adminSeed = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _environment = new()
        {
            [EnvironmentVariableNames.OtpServerPostgres] = await cluster.CreateDatabaseAsync(),
            [EnvironmentVariableNames.OtpServerKeyFile] = _directory.Combine("server.key"),
        };
        var command = ShLoginExecutable.Command;
        var init = await ProcessRunner.RunAsync(command[0], [.. command.Skip(1), "otp-server", "init", "--data-dir", _directory.Combine("a")], _environment);
        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Contains($"realm:   {RealmPolicy.Admin}", init.StandardOutput, StringComparison.Ordinal);
        var seedLine = init.StandardOutput.Split('\n').Single(line => line.TrimStart().StartsWith("seed:", StringComparison.Ordinal));
        _adminSeed = OtpNet.Base32Encoding.ToBytes(seedLine.Split(':')[1].Trim());

        var again = await ProcessRunner.RunAsync(command[0], [.. command.Skip(1), "otp-server", "init", "--data-dir", _directory.Combine("b")], _environment);
        Assert.Equal(2, again.ExitCode);
        Assert.DoesNotContain("seed:", again.StandardOutput, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task An_entry_made_on_one_instance_verifies_on_the_other_and_a_code_is_accepted_once_across_both()
    {
        await using var one = await StartAsync("a");
        await using var two = await StartAsync("b");
        var checker = await CreateAsync(one, "checker", RealmPolicy.Auth);
        var subject = await CreateAsync(one, "svc", "services");

        var code = Code(subject.Seed);
        var first = await VerifyAsync(two, checker, subject, code);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var replay = await VerifyAsync(one, checker, subject, code);
        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        Assert.Equal(OtpResponses.NoPermission, await OtpServerHarness.DetailAsync(replay));
    }

    [Fact]
    public async Task Of_200_concurrent_verifications_of_one_code_spread_over_both_exactly_one_is_ok()
    {
        await using var one = await StartAsync("a");
        await using var two = await StartAsync("b");
        var checker = await CreateAsync(one, "checker", RealmPolicy.Auth);
        var subject = await CreateAsync(two, "svc", "services");

        var code = Code(subject.Seed);
        var callerCode = Code(checker.Seed);
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 200).Select(i => Task.Run(
            async () =>
            {
                start.Wait(Cancel);
                using var response = await VerifyAsync(i % 2 == 0 ? one : two, checker, subject, code, callerCode);
                return response.StatusCode;
            },
            Cancel)).ToList();
        start.Set();
        var statuses = await Task.WhenAll(attempts);

        Assert.Single(statuses, status => status == HttpStatusCode.OK);
        Assert.All(statuses, status => Assert.True(
            status is HttpStatusCode.OK or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests, $"unexpected {status}"));
    }

    [Fact]
    public async Task A_killed_instance_loses_nothing_it_committed()
    {
        var one = await StartAsync("a");
        var checker = await CreateAsync(one, "checker", RealmPolicy.Auth);
        var subject = await CreateAsync(one, "svc", "services");
        var code = Code(subject.Seed);
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(one, checker, subject, code)).StatusCode);
        await one.KillAsync();
        await one.DisposeAsync();

        await using var two = await StartAsync("b");
        var list = await SendAsync(two, HttpMethod.Get, "/ungleichotp/");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var entries = await list.Content.ReadFromJsonAsync(OtpJsonContext.Default.ListEntryResponse, Cancel);
        Assert.Equal(["admin", "checker", "svc"], entries!.Select(e => e.Name).Order(StringComparer.Ordinal));

        // The accepted code's record survived the kill: on the other instance it is a replay.
        Assert.Equal(HttpStatusCode.Forbidden, (await VerifyAsync(two, checker, subject, code)).StatusCode);
    }

    private async Task<RunningOtpServer> StartAsync(string name) =>
        await RunningOtpServer.StartAsync(_directory.Combine(name), _directory.Combine(name + ".sock"), _environment);

    private async Task<(string Name, string Realm, byte[] Seed)> CreateAsync(RunningOtpServer server, string name, string realm)
    {
        var response = await SendAsync(server, HttpMethod.Post, "/ungleichotp/", $$"""{"name":"{{name}}","realm":"{{realm}}"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync(OtpJsonContext.Default.CreatedEntryResponse, Cancel);
        return (name, realm, OtpNet.Base32Encoding.ToBytes(created!.Seed));
    }

    private Task<HttpResponseMessage> SendAsync(RunningOtpServer server, HttpMethod method, string path, string? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add(OtpEndpoints.NameHeader, "admin");
        request.Headers.Add(OtpEndpoints.RealmHeader, RealmPolicy.Admin);
        request.Headers.Add(OtpEndpoints.TokenHeader, Code(_adminSeed));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return server.Client.SendAsync(request, Cancel);
    }

    private static Task<HttpResponseMessage> VerifyAsync(
        RunningOtpServer server, (string Name, string Realm, byte[] Seed) caller, (string Name, string Realm, byte[] Seed) subject, string code, string? callerCode = null) =>
        server.Client.PostAsync(
            new Uri("/ungleichotp/verify", UriKind.Relative),
            new StringContent(
                $$"""{"version":"1","name":"{{caller.Name}}","realm":"{{caller.Realm}}","token":"{{callerCode ?? Code(caller.Seed)}}","verifyname":"{{subject.Name}}","verifyrealm":"{{subject.Realm}}","verifytoken":"{{code}}"}""",
                Encoding.UTF8,
                "application/json"),
            Cancel);

    private static string Code(byte[] seed) => TotpCheck.Compute(seed, DateTimeOffset.UtcNow);
}
