using System.Globalization;
using System.Security.Cryptography;
using ShLogin.Memory;

namespace ShLogin.Tests.Memory;

/// <summary>Releasing start-up memory in a running process: pages go, and the code that needs them still runs.</summary>
public sealed class StartupMemoryTests
{
    [Fact]
    public void Release_drops_file_pages_and_the_process_runs_on()
    {
        var before = StatusKilobytes("RssFile");

        var released = StartupMemory.Release();
        var after = StatusKilobytes("RssFile");

        Assert.True(released > 0, "nothing was released");
        Assert.True(after < before, $"RssFile went from {before} kB to {after} kB");

        // Code and read-only data from the released mappings come back on use.
        var digest = SHA256.HashData("abc"u8);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(digest));
        Assert.Equal("1,234.50", 1234.5.ToString("N2", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_pause_of_collections_ends_when_disposed_and_allocation_goes_on()
    {
        using (StartupMemory.PauseCollections(16L * 1024 * 1024))
        {
            _ = new byte[1024];
        }

        Assert.NotEqual(System.Runtime.GCLatencyMode.NoGCRegion, System.Runtime.GCSettings.LatencyMode);
        var collections = GC.CollectionCount(0);
        GC.Collect(0);
        Assert.True(GC.CollectionCount(0) > collections);
    }

    [Fact]
    public async Task A_release_asked_for_later_does_not_happen_once_stopping()
    {
        using var stopping = new CancellationTokenSource();
        var release = StartupMemory.ReleaseAfterAsync(TimeSpan.FromHours(1), stopping.Token);

        await stopping.CancelAsync();

        await release.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(release.IsCompletedSuccessfully);
    }

    private static long StatusKilobytes(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/self/status has no {field}");
    }
}
