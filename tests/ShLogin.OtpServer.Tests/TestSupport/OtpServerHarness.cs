using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ShLogin.OtpServer.Endpoints;
using ShLogin.OtpServer.Secrets;
using ShLogin.OtpServer.Storage;
using ShLogin.OtpServer.Totp;

namespace ShLogin.OtpServer.Tests.TestSupport;

/// <summary>
/// An OTP server on 127.0.0.1 (a free port), SQLite in a temporary directory, on a clock the test
/// moves; entries are put straight into the store so each test knows their seeds.
/// </summary>
public sealed class OtpServerHarness : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory;

    private OtpServerHarness(TemporaryDirectory directory, WebApplication app, IOtpStore store, SeedCipher cipher, FakeTimeProvider time, HttpClient client)
    {
        _directory = directory;
        App = app;
        Store = store;
        Cipher = cipher;
        Time = time;
        Client = client;
    }

    public WebApplication App { get; }

    public IOtpStore Store { get; }

    public SeedCipher Cipher { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public static async Task<OtpServerHarness> StartAsync(IOtpStore? store = null)
    {
        var directory = new TemporaryDirectory();
        store ??= SqliteOtpStore.Open(directory.Combine("otp.db"));
        await store.MigrateAsync(TestContext.Current.CancellationToken);
        var cipher = new SeedCipher(RandomNumberGenerator.GetBytes(SeedCipher.KeyBytes));

        // Mid-step, so that a test's request never straddles a step boundary by accident.
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds((1_900_000_000 / 30 * 30) + 10));
        var app = OtpServerApp.Create(new OtpServerOptions { Store = store, Cipher = cipher, Time = time }, ["http://127.0.0.1:0"]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        return new OtpServerHarness(directory, app, store, cipher, time, client);
    }

    /// <summary>Adds an entry; returns it with its seed.</summary>
    public async Task<TestEntry> AddAsync(string name, string realm)
    {
        var id = Guid.NewGuid();
        var seed = TotpCheck.NewSeed();
        var entry = new OtpEntry(id, name, realm, "owner of " + name, false, Cipher.Encrypt(id, seed), Time.GetUtcNow());
        Assert.True(await Store.TryCreateAsync(entry, TestContext.Current.CancellationToken));
        return new TestEntry(entry, seed, this);
    }

    /// <summary>The next step: every code changes.</summary>
    public void NextStep() => Time.Advance(TimeSpan.FromSeconds(TotpCheck.StepSeconds));

    public Task<HttpResponseMessage> VerifyAsync(TestEntry caller, TestEntry subject, string? callerToken = null, string? subjectToken = null) =>
        PostJsonAsync("/ungleichotp/verify", $$"""
            {"version":"1","name":"{{caller.Name}}","realm":"{{caller.Realm}}","token":"{{callerToken ?? caller.Code()}}",
             "verifyname":"{{subject.Name}}","verifyrealm":"{{subject.Realm}}","verifytoken":"{{subjectToken ?? subject.Code()}}"}
            """);

    public Task<HttpResponseMessage> PostJsonAsync(string path, string body) =>
        Client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    /// <summary>A management request as <paramref name="caller"/> (credentials in the X-OTP-* headers).</summary>
    public Task<HttpResponseMessage> SendAsync(TestEntry caller, HttpMethod method, string path, string? body = null, string? token = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add(OtpEndpoints.NameHeader, caller.Name);
        request.Headers.Add(OtpEndpoints.RealmHeader, caller.Realm);
        request.Headers.Add(OtpEndpoints.TokenHeader, token ?? caller.Code());
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<DetailResponse>(OtpJsonContext.Default.DetailResponse, TestContext.Current.CancellationToken))?.Detail;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(TestContext.Current.CancellationToken);
        await App.DisposeAsync();
        await Store.DisposeAsync();
        _directory.Dispose();
    }
}

/// <summary>An entry a test made, with its seed.</summary>
public sealed record TestEntry(OtpEntry Entry, byte[] Seed, OtpServerHarness Harness)
{
    public string Name => Entry.Name;

    public string Realm => Entry.Realm;

    public Guid Id => Entry.Id;

    /// <summary>Its code now (on the harness's clock).</summary>
    public string Code() => TotpCheck.Compute(Seed, Harness.Time.GetUtcNow());

    /// <summary>A six-digit code that is not its code now, nor one step before or after.</summary>
    public string WrongCode()
    {
        var now = Harness.Time.GetUtcNow();
        var valid = new[] { -30, 0, 30 }.Select(s => TotpCheck.Compute(Seed, now.AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => $"{i}{i}{i}{i}{i}{i}").First(code => !valid.Contains(code));
    }
}
