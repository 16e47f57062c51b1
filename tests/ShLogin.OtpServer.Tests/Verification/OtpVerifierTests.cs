using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using ShLogin.OtpServer.RateLimiting;
using ShLogin.OtpServer.Realms;
using ShLogin.OtpServer.Secrets;
using ShLogin.OtpServer.Storage;
using ShLogin.OtpServer.Totp;
using ShLogin.OtpServer.Verification;

namespace ShLogin.OtpServer.Tests.Verification;

/// <summary>Rate limits: whoever fails waits, nobody else does.</summary>
public sealed class OtpVerifierTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_900_000_020));
    private readonly SeedCipher _cipher = new(RandomNumberGenerator.GetBytes(32));
    private SqliteOtpStore _store = null!;
    private OtpVerifier _verifier = null!;
    private byte[] _adminSeed = null!;

    public async ValueTask InitializeAsync()
    {
        _store = SqliteOtpStore.Open(_directory.Combine("otp.db"));
        await _store.MigrateAsync(TestContext.Current.CancellationToken);
        _adminSeed = TotpCheck.NewSeed();
        var id = Guid.NewGuid();
        await _store.TryCreateAsync(new OtpEntry(id, "admin", RealmPolicy.Admin, "a", true, _cipher.Encrypt(id, _adminSeed), _time.GetUtcNow()), TestContext.Current.CancellationToken);
        _verifier = new OtpVerifier(_store, _cipher, new VerifyThrottle(new FailureBackoff(_time)), _time);
    }

    public async ValueTask DisposeAsync() => await _store.DisposeAsync();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Guessing_the_admins_code_from_one_address_does_not_lock_the_admin_out_elsewhere()
    {
        var wrong = new Credentials("admin", RealmPolicy.Admin, WrongCode());
        var right = new Credentials("admin", RealmPolicy.Admin, TotpCheck.Compute(_adminSeed, _time.GetUtcNow()));
        CheckResult last = CheckResult.Forbidden;
        for (var i = 0; i < 8; i++)
        {
            last = await _verifier.AuthorizeAsync(wrong, "203.0.113.9", OtpAction.List, TestContext.Current.CancellationToken);
        }

        Assert.Equal(CheckStatus.Throttled, last.Status);
        Assert.True(last.RetryAfter > TimeSpan.Zero);

        // The guesser waits even with the right code; the admin at another address does not.
        Assert.Equal(CheckStatus.Throttled, (await _verifier.AuthorizeAsync(right, "203.0.113.9", OtpAction.List, TestContext.Current.CancellationToken)).Status);
        Assert.Equal(CheckStatus.Ok, (await _verifier.AuthorizeAsync(right, "198.51.100.1", OtpAction.List, TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public void The_backoff_doubles_up_to_its_cap_and_forgets()
    {
        var backoff = new FailureBackoff(_time) { FreeFailures = 2, FirstLockout = TimeSpan.FromSeconds(1), MaxLockout = TimeSpan.FromSeconds(5), ForgetAfter = TimeSpan.FromMinutes(10) };
        backoff.RecordFailure("k");
        backoff.RecordFailure("k");
        Assert.Equal(TimeSpan.Zero, backoff.WaitFor("k"));
        backoff.RecordFailure("k");
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.WaitFor("k"));
        backoff.RecordFailure("k");
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.WaitFor("k"));
        for (var i = 0; i < 10; i++)
        {
            backoff.RecordFailure("k");
        }

        Assert.Equal(TimeSpan.FromSeconds(5), backoff.WaitFor("k"));
        Assert.Equal(TimeSpan.Zero, backoff.WaitFor("other"));
        _time.Advance(TimeSpan.FromMinutes(11));
        backoff.RecordFailure("k");
        Assert.Equal(TimeSpan.Zero, backoff.WaitFor("k"));
        backoff.RecordSuccess("k");
        Assert.Equal(0, backoff.TrackedKeys);
    }

    private string WrongCode()
    {
        var valid = new[] { -30, 0, 30 }.Select(s => TotpCheck.Compute(_adminSeed, _time.GetUtcNow().AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => $"{i}{i}{i}{i}{i}{i}").First(code => !valid.Contains(code));
    }
}
