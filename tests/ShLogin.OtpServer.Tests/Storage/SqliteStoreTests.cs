using ShLogin.OtpServer.Storage;

namespace ShLogin.OtpServer.Tests.Storage;

/// <summary>The store suite on SQLite, and what only a file-based store has to get right.</summary>
public sealed class SqliteStoreTests : StoreContractTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override async Task<IOtpStore> CreateStoreAsync()
    {
        var store = SqliteOtpStore.Open(_directory.Combine($"{Guid.NewGuid():N}.db"));
        await store.MigrateAsync(TestContext.Current.CancellationToken);
        return store;
    }

    [Fact]
    public async Task The_database_file_is_created_0600()
    {
        var path = _directory.Combine("otp.db");
        await using var store = SqliteOtpStore.Open(path);
        await store.MigrateAsync(TestContext.Current.CancellationToken);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_database_file_others_may_read_is_refused()
    {
        var path = _directory.Combine("open.db");
        File.WriteAllBytes(path, []);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var error = Assert.Throws<OtpServerConfigurationException>(() => SqliteOtpStore.Open(path));
        Assert.Contains("0600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_recorded_before_the_store_is_reopened_is_still_refused()
    {
        var path = _directory.Combine("reopen.db");
        var entry = StoreContractTests.Entry("svc", "r");
        await using (var store = SqliteOtpStore.Open(path))
        {
            await store.MigrateAsync(TestContext.Current.CancellationToken);
            await store.TryCreateAsync(entry, TestContext.Current.CancellationToken);
            Assert.True(await store.TryUseStepAsync(entry.Id, 3, TestContext.Current.CancellationToken));
        }

        await using var reopened = SqliteOtpStore.Open(path);
        await reopened.MigrateAsync(TestContext.Current.CancellationToken);
        Assert.False(await reopened.TryUseStepAsync(entry.Id, 3, TestContext.Current.CancellationToken));
    }
}
