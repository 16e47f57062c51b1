using ShLogin.OtpServer.Storage;
using ShLogin.OtpServer.Tests.TestSupport;

namespace ShLogin.OtpServer.Tests.Storage;

/// <summary>The store suite on a real PostgreSQL (Debian's package, a throwaway cluster).</summary>
public sealed class PostgresStoreTests(PostgresCluster cluster) : StoreContractTests
{
    protected override async Task<IOtpStore> CreateStoreAsync()
    {
        var store = PostgresOtpStore.Open(await cluster.CreateDatabaseAsync());
        await store.MigrateAsync(TestContext.Current.CancellationToken);
        return store;
    }

    [Fact]
    public async Task Two_instances_migrating_one_database_at_once_both_succeed()
    {
        var connection = await cluster.CreateDatabaseAsync();
        await using var one = PostgresOtpStore.Open(connection);
        await using var two = PostgresOtpStore.Open(connection);
        await Task.WhenAll(one.MigrateAsync(TestContext.Current.CancellationToken), two.MigrateAsync(TestContext.Current.CancellationToken));
        var entry = StoreContractTests.Entry("svc", "r");
        Assert.True(await one.TryCreateAsync(entry, TestContext.Current.CancellationToken));
        Assert.True(await one.TryUseStepAsync(entry.Id, 1, TestContext.Current.CancellationToken));
        Assert.False(await two.TryUseStepAsync(entry.Id, 1, TestContext.Current.CancellationToken));
    }
}
