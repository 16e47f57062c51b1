using ShLogin.OtpServer.Storage;

namespace ShLogin.OtpServer.Tests.Storage;

/// <summary>One suite every store passes: <see cref="SqliteStoreTests"/> and <see cref="PostgresStoreTests"/>.</summary>
public abstract class StoreContractTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A new, empty, migrated store.</summary>
    protected abstract Task<IOtpStore> CreateStoreAsync();

    [Fact]
    public async Task A_created_entry_is_found_by_name_and_realm_and_by_id_with_its_sealed_seed()
    {
        await using var store = await CreateStoreAsync();
        var entry = Entry("svc", "ungleich-auth");
        Assert.True(await store.TryCreateAsync(entry, Cancel));

        var found = await store.FindAsync("svc", "ungleich-auth", Cancel);
        Assert.NotNull(found);
        Assert.Equal(entry.Id, found.Id);
        Assert.Equal(entry.SealedSeed, found.SealedSeed);
        Assert.Equal(entry.Username, found.Username);
        Assert.True(found.Trusted);
        Assert.Equal(entry.CreatedAt.ToUnixTimeSeconds(), found.CreatedAt.ToUnixTimeSeconds());
        Assert.Equal(entry.Id, (await store.GetAsync(entry.Id, Cancel))?.Id);
        Assert.Null(await store.FindAsync("svc", "other", Cancel));
        Assert.Null(await store.FindAsync("SVC", "ungleich-auth", Cancel));
    }

    [Fact]
    public async Task A_name_is_unique_within_its_realm_only()
    {
        await using var store = await CreateStoreAsync();
        Assert.True(await store.TryCreateAsync(Entry("svc", "a"), Cancel));
        Assert.False(await store.TryCreateAsync(Entry("svc", "a"), Cancel));
        Assert.True(await store.TryCreateAsync(Entry("svc", "b"), Cancel));
        Assert.Equal(2, (await store.ListAsync(Cancel)).Count);
        Assert.Equal(1, await store.CountInRealmAsync("a", Cancel));
    }

    [Fact]
    public async Task Update_changes_only_given_fields_and_refuses_a_taken_name()
    {
        await using var store = await CreateStoreAsync();
        var first = Entry("one", "r");
        var second = Entry("two", "r");
        await store.TryCreateAsync(first, Cancel);
        await store.TryCreateAsync(second, Cancel);

        Assert.Equal(UpdateOutcome.Updated, await store.UpdateAsync(first.Id, new OtpEntryChanges(null, null, "alice", false), Cancel));
        var changed = await store.GetAsync(first.Id, Cancel);
        Assert.Equal(("one", "r", "alice", false), (changed!.Name, changed.Realm, changed.Username, changed.Trusted));

        Assert.Equal(UpdateOutcome.NameTaken, await store.UpdateAsync(first.Id, new OtpEntryChanges("two", null, null, null), Cancel));
        Assert.Equal(UpdateOutcome.NotFound, await store.UpdateAsync(Guid.NewGuid(), new OtpEntryChanges("x", null, null, null), Cancel));
        Assert.Equal("one", (await store.GetAsync(first.Id, Cancel))!.Name);
    }

    [Fact]
    public async Task A_step_is_accepted_once()
    {
        await using var store = await CreateStoreAsync();
        var entry = Entry("svc", "r");
        await store.TryCreateAsync(entry, Cancel);

        Assert.True(await store.TryUseStepAsync(entry.Id, 1000, Cancel));
        Assert.False(await store.TryUseStepAsync(entry.Id, 1000, Cancel));
        Assert.True(await store.TryUseStepAsync(entry.Id, 1001, Cancel));
        Assert.False(await store.TryUseStepAsync(entry.Id, 1001, Cancel));

        // Old steps are pruned, but never one the ±1 window could still match.
        Assert.False(await store.TryUseStepAsync(entry.Id, 1000, Cancel));
    }

    [Fact]
    public async Task Steps_of_different_entries_are_independent()
    {
        await using var store = await CreateStoreAsync();
        var one = Entry("one", "r");
        var two = Entry("two", "r");
        await store.TryCreateAsync(one, Cancel);
        await store.TryCreateAsync(two, Cancel);
        Assert.True(await store.TryUseStepAsync(one.Id, 5, Cancel));
        Assert.True(await store.TryUseStepAsync(two.Id, 5, Cancel));
    }

    [Fact]
    public async Task Of_many_concurrent_uses_of_one_step_exactly_one_is_accepted()
    {
        await using var store = await CreateStoreAsync();
        var entry = Entry("svc", "r");
        await store.TryCreateAsync(entry, Cancel);

        var attempts = Enumerable.Range(0, 40).Select(_ => Task.Run(() => store.TryUseStepAsync(entry.Id, 77, Cancel), Cancel));
        var results = await Task.WhenAll(attempts);
        Assert.Single(results, accepted => accepted);
    }

    [Fact]
    public async Task Delete_removes_the_entry_and_its_steps()
    {
        await using var store = await CreateStoreAsync();
        var entry = Entry("svc", "r");
        await store.TryCreateAsync(entry, Cancel);
        await store.TryUseStepAsync(entry.Id, 9, Cancel);

        Assert.True(await store.DeleteAsync(entry.Id, Cancel));
        Assert.False(await store.DeleteAsync(entry.Id, Cancel));
        Assert.Null(await store.GetAsync(entry.Id, Cancel));
        Assert.False(await store.TryUseStepAsync(entry.Id, 10, Cancel));

        // The name is free again, and the new entry's steps start empty.
        var again = Entry("svc", "r");
        Assert.True(await store.TryCreateAsync(again, Cancel));
        Assert.True(await store.TryUseStepAsync(again.Id, 9, Cancel));
    }

    [Fact]
    public async Task Migrating_again_changes_nothing()
    {
        await using var store = await CreateStoreAsync();
        var entry = Entry("svc", "r");
        await store.TryCreateAsync(entry, Cancel);
        await store.MigrateAsync(Cancel);
        Assert.NotNull(await store.GetAsync(entry.Id, Cancel));
    }

    [Fact]
    public async Task Names_are_stored_exactly_as_given()
    {
        await using var store = await CreateStoreAsync();
        var entry = Entry("svc", "r") with { Username = "Zoë O'Brien; DROP TABLE otp_entry; --" };
        await store.TryCreateAsync(entry, Cancel);
        Assert.Equal(entry.Username, (await store.GetAsync(entry.Id, Cancel))!.Username);
        Assert.Single(await store.ListAsync(Cancel));
    }

    internal static OtpEntry Entry(string name, string realm) =>
        new(Guid.NewGuid(), name, realm, name + "-owner", true, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29],
            DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
}
