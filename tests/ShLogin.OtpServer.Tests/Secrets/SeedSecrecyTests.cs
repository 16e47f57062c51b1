using System.Security.Cryptography;
using System.Text;
using ShLogin.OtpServer.Secrets;
using ShLogin.OtpServer.Storage;
using ShLogin.OtpServer.Totp;

namespace ShLogin.OtpServer.Tests.Secrets;

/// <summary>Seeds at rest: a copy of the database alone reveals nothing, and sealed seeds cannot be moved or altered.</summary>
public sealed class SeedSecrecyTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_sealed_seed_opens_only_for_its_entry_and_key()
    {
        var cipher = new SeedCipher(RandomNumberGenerator.GetBytes(32));
        var seed = TotpCheck.NewSeed();
        var id = Guid.NewGuid();
        var sealedSeed = cipher.Encrypt(id, seed);

        Assert.Equal(seed, cipher.Decrypt(id, sealedSeed));
        Assert.NotEqual(sealedSeed, cipher.Encrypt(id, seed));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(Guid.NewGuid(), sealedSeed));
        Assert.ThrowsAny<CryptographicException>(() => new SeedCipher(RandomNumberGenerator.GetBytes(32)).Decrypt(id, sealedSeed));
        var altered = (byte[])sealedSeed.Clone();
        altered[15] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(id, altered));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(id, sealedSeed[..20]));
    }

    [Fact]
    public async Task The_database_file_holds_no_seed_in_any_spelling()
    {
        var path = _directory.Combine("otp.db");
        var cipher = new SeedCipher(RandomNumberGenerator.GetBytes(32));
        var seeds = new List<byte[]>();
        await using (var store = SqliteOtpStore.Open(path))
        {
            await store.MigrateAsync(TestContext.Current.CancellationToken);
            for (var i = 0; i < 20; i++)
            {
                var id = Guid.NewGuid();
                var seed = TotpCheck.NewSeed();
                seeds.Add(seed);
                await store.TryCreateAsync(new OtpEntry(id, $"svc{i}", "r", "u", false, cipher.Encrypt(id, seed), DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
            }
        }

        var bytes = File.ReadAllBytes(path).Concat(File.Exists(path + "-wal") ? File.ReadAllBytes(path + "-wal") : []).ToArray();
        var text = Encoding.Latin1.GetString(bytes);
        foreach (var seed in seeds)
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(seed.AsSpan(0, 10)));
            Assert.DoesNotContain(TotpCheck.ToBase32(seed)[..16], text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToHexString(seed)[..16], text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("svc7", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_file_is_made_0600_once_and_read_back()
    {
        var path = _directory.Combine("server.key");
        Assert.True(ServerKeyFile.CreateIfMissing(path));
        var key = ServerKeyFile.Read(path);
        Assert.Equal(32, key.Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.False(ServerKeyFile.CreateIfMissing(path));
        Assert.Equal(key, ServerKeyFile.Read(path));
    }

    [Fact]
    public void A_key_file_others_may_read_or_that_holds_no_key_is_refused()
    {
        var open = _directory.Combine("open.key");
        File.WriteAllText(open, new string('a', 64));
        File.SetUnixFileMode(open, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        Assert.Throws<OtpServerConfigurationException>(() => ServerKeyFile.Read(open));

        var garbage = _directory.Combine("garbage.key");
        File.WriteAllText(garbage, "not a key");
        File.SetUnixFileMode(garbage, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var error = Assert.Throws<OtpServerConfigurationException>(() => ServerKeyFile.Read(garbage));
        Assert.DoesNotContain("not a key\"", error.Message, StringComparison.Ordinal);

        var link = _directory.Combine("link.key");
        File.CreateSymbolicLink(link, garbage);
        Assert.Throws<OtpServerConfigurationException>(() => ServerKeyFile.Read(link));
        Assert.Throws<OtpServerConfigurationException>(() => ServerKeyFile.Read(_directory.Combine("missing.key")));
    }
}
