using ShLogin.Nginx;
using Xunit;

namespace ShLogin.Core.Tests.Nginx;

public sealed class NginxWorkerLimitsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(8, 8)]
    [InlineData(128, NginxWorkerLimits.MaxWorkers)]
    [InlineData(0, 1)]
    [InlineData(-3, 1)]
    public void One_worker_per_core_within_bounds(int cores, int workers)
    {
        Assert.Equal(workers, NginxWorkerLimits.For(cores, 65536).Workers);
    }

    [Theory]
    [InlineData(ulong.MaxValue, 8192, 8256)]
    [InlineData(1_048_576UL, 8192, 8256)]
    [InlineData(20000UL, 8192, 8256)]
    [InlineData(4096UL, 4032, 4096)]
    [InlineData(1024UL, 960, 1024)]
    [InlineData(100UL, 75, 100)]
    [InlineData(0UL, 24, 32)]
    public void Connections_are_what_the_descriptor_limit_leaves_and_never_more_than_the_hard_limit(ulong hardLimit, int connections, int openFiles)
    {
        var limits = NginxWorkerLimits.For(2, hardLimit);

        Assert.Equal(connections, limits.ConnectionsPerWorker);
        Assert.Equal(openFiles, limits.OpenFiles);
        Assert.True(limits.OpenFiles > limits.ConnectionsPerWorker);
    }

    [Fact]
    public void A_typical_machine_holds_two_thousand_browsers_with_their_upstream_connections_in_one_worker()
    {
        // A browser's connection plus one to the app and one to the login service.
        Assert.True(NginxWorkerLimits.For(2, 20000).ConnectionsPerWorker >= 2000 * 3);
    }

    [Fact]
    public void This_machine_reads_its_own_limits()
    {
        var limits = NginxWorkerLimits.ForThisMachine();

        Assert.InRange(limits.Workers, 1, NginxWorkerLimits.MaxWorkers);
        Assert.InRange((ulong)limits.OpenFiles, 32UL, Math.Max(32UL, NginxWorkerLimits.OpenFilesHardLimit()));
    }
}
