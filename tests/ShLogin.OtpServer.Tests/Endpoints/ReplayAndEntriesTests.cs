using System.Net;
using System.Net.Http.Json;
using ShLogin.OtpServer.Endpoints;
using ShLogin.OtpServer.Realms;
using ShLogin.OtpServer.Tests.TestSupport;
using ShLogin.OtpServer.Totp;

namespace ShLogin.OtpServer.Tests.Endpoints;

/// <summary>A code is accepted once; created seeds are shown once; what the entry endpoints answer.</summary>
public sealed class ReplayAndEntriesTests : IAsyncLifetime
{
    private OtpServerHarness _server = null!;
    private TestEntry _auth = null!;
    private TestEntry _admin = null!;
    private TestEntry _subject = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await OtpServerHarness.StartAsync();
        _auth = await _server.AddAsync("checker", RealmPolicy.Auth);
        _admin = await _server.AddAsync("admin", RealmPolicy.Admin);
        _subject = await _server.AddAsync("svc", "services");
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_verified_code_is_accepted_once_even_by_another_caller()
    {
        var code = _subject.Code();
        Assert.Equal(HttpStatusCode.OK, (await _server.VerifyAsync(_auth, _subject, subjectToken: code)).StatusCode);

        var again = await _server.VerifyAsync(_auth, _subject, subjectToken: code);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Equal(OtpResponses.NoPermission, await OtpServerHarness.DetailAsync(again));

        var byAdmin = await _server.VerifyAsync(_admin, _subject, subjectToken: code);
        Assert.Equal(HttpStatusCode.Forbidden, byAdmin.StatusCode);

        _server.NextStep();
        Assert.Equal(HttpStatusCode.OK, (await _server.VerifyAsync(_auth, _subject)).StatusCode);
    }

    [Fact]
    public async Task The_window_is_one_step_each_way()
    {
        var now = _server.Time.GetUtcNow();
        var previous = TotpCheck.Compute(_subject.Seed, now.AddSeconds(-30));
        var twoBack = TotpCheck.Compute(_subject.Seed, now.AddSeconds(-60));
        var next = TotpCheck.Compute(_subject.Seed, now.AddSeconds(30));
        var twoAhead = TotpCheck.Compute(_subject.Seed, now.AddSeconds(60));
        var current = _subject.Code();
        if (new[] { previous, next, current }.Intersect(new[] { twoBack, twoAhead }).Any())
        {
            // A code repeating within five steps (one in 200 000): the refusals below would be accepted rightly.
            return;
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await _server.VerifyAsync(_auth, _subject, subjectToken: twoBack)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _server.VerifyAsync(_auth, _subject, subjectToken: twoAhead)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.VerifyAsync(_auth, _subject, subjectToken: previous)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.VerifyAsync(_auth, _subject, subjectToken: next)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.VerifyAsync(_auth, _subject, subjectToken: current)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _server.VerifyAsync(_auth, _subject, subjectToken: previous)).StatusCode);
    }

    [Fact]
    public async Task The_callers_own_code_authenticates_each_request_and_is_not_spent()
    {
        var own = _auth.Code();
        Assert.Equal(HttpStatusCode.OK, (await _server.VerifyAsync(_auth, _subject, callerToken: own)).StatusCode);
        _server.NextStep();
        Assert.Equal(HttpStatusCode.OK, (await _server.VerifyAsync(_auth, _subject, callerToken: own)).StatusCode);
    }

    [Fact]
    public async Task Unknown_entries_answer_like_wrong_codes()
    {
        var ghost = _subject with { Entry = _subject.Entry with { Name = "ghost" } };
        var unknownSubject = await _server.VerifyAsync(_auth, ghost);
        Assert.Equal(OtpResponses.NoPermission, await OtpServerHarness.DetailAsync(unknownSubject));
        var unknownCaller = await _server.VerifyAsync(_auth with { Entry = _auth.Entry with { Realm = "nowhere" } }, _subject);
        Assert.Equal(OtpResponses.IncorrectCredentials, await OtpServerHarness.DetailAsync(unknownCaller));
    }

    [Fact]
    public async Task A_created_entry_returns_its_seed_once_and_verifies_with_it()
    {
        var created = await _server.SendAsync(_admin, HttpMethod.Post, "/ungleichotp/", """{"name":"new-svc","realm":"services","username":"bob","trusted":true}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var entry = await created.Content.ReadFromJsonAsync(OtpJsonContext.Default.CreatedEntryResponse, Cancel);
        Assert.NotNull(entry);
        Assert.Equal(("new-svc", "services", "bob", true), (entry.Name, entry.Realm, entry.Username, entry.Trusted));
        Assert.Matches("^[A-Z2-7]{32}$", entry.Seed);

        var listed = await (await _server.SendAsync(_admin, HttpMethod.Get, "/ungleichotp/")).Content.ReadAsStringAsync(Cancel);
        Assert.Contains("new-svc", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(entry.Seed, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("seed", listed, StringComparison.Ordinal);
        var one = await (await _server.SendAsync(_admin, HttpMethod.Get, $"/ungleichotp/{entry.Appuuid}/")).Content.ReadAsStringAsync(Cancel);
        Assert.DoesNotContain("seed", one, StringComparison.Ordinal);

        var seed = OtpNet.Base32Encoding.ToBytes(entry.Seed);
        var fresh = new TestEntry((await _server.Store.FindAsync("new-svc", "services", Cancel))!, seed, _server);
        Assert.Equal(HttpStatusCode.OK, (await _server.VerifyAsync(_auth, fresh)).StatusCode);

        var duplicate = await _server.SendAsync(_admin, HttpMethod.Post, "/ungleichotp/", """{"name":"new-svc","realm":"services"}""");
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
    }

    [Fact]
    public async Task Update_and_delete_answer_404_for_unknown_entries_and_refuse_changing_the_seed()
    {
        var missing = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await _server.SendAsync(_admin, HttpMethod.Delete, $"/ungleichotp/{missing}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.SendAsync(_admin, HttpMethod.Patch, $"/ungleichotp/{missing}", "{\"username\":\"x\"}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.SendAsync(_admin, HttpMethod.Get, $"/ungleichotp/{missing}")).StatusCode);
        var seed = await _server.SendAsync(_admin, HttpMethod.Patch, $"/ungleichotp/{_subject.Id}", "{\"seed\":\"AAAAAAAAAAAAAAAA\"}");
        Assert.Equal(HttpStatusCode.BadRequest, seed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.SendAsync(_admin, HttpMethod.Get, "/ungleichotp/not-a-guid")).StatusCode);
    }

    [Fact]
    public async Task A_deleted_entry_no_longer_verifies()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await _server.SendAsync(_admin, HttpMethod.Delete, $"/ungleichotp/{_subject.Id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _server.VerifyAsync(_auth, _subject)).StatusCode);
    }

    [Fact]
    public async Task Repeated_failures_throttle_that_caller_for_that_entry_but_not_another_caller()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await _server.VerifyAsync(_auth, _subject, subjectToken: _subject.WrongCode())).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await _server.VerifyAsync(_auth, _subject, subjectToken: _subject.WrongCode())).StatusCode);
        var throttled = await _server.VerifyAsync(_auth, _subject);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        Assert.StartsWith("Request was throttled.", await OtpServerHarness.DetailAsync(throttled), StringComparison.Ordinal);

        // The admin, another trusted caller, verifies the same entry meanwhile.
        Assert.Equal(HttpStatusCode.OK, (await _server.VerifyAsync(_admin, _subject)).StatusCode);

        // The wait passes; the throttled caller's right code is accepted again.
        _server.Time.Advance(TimeSpan.FromSeconds(2));
        _server.NextStep();
        Assert.Equal(HttpStatusCode.OK, (await _server.VerifyAsync(_auth, _subject)).StatusCode);
    }
}
