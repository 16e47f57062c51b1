using ShLogin.Secrets;
using ShLogin.Vault.Accounts;
using ShLogin.Vault.Format;
using ShLogin.Vault.Storage;

namespace ShLogin.Vault.Tests.Storage;

/// <summary>The vault on disk: round trip, backup, modes, and refusals that change nothing.</summary>
public class VaultStoreTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly OtpAccount GitHub = new()
    {
        Name = "github",
        Issuer = "GitHub",
        Secret = Base32.Decode("JBSWY3DPEHPK3PXP"),
    };

    private static readonly OtpAccount Bank = new()
    {
        Name = "bank",
        Issuer = "Bank ünïcødé",
        Secret = Base32.Decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
        Parameters = new TotpParameters(OtpAlgorithm.Sha512, 8, 60),
    };

    [Fact]
    public void Accounts_survive_a_round_trip_and_each_save_keeps_the_previous_vault_as_backup()
    {
        using var directory = new TestDirectory();
        var store = new VaultStore(directory.File("otp.vault"));
        using (var key = store.Create(TestVaults.Passphrase, TestVaults.Cheap))
        {
            store.Update(key, contents => { contents.Add(GitHub); return 0; });
            var beforeSecondSave = File.ReadAllBytes(store.Path);
            store.Update(key, contents => { contents.Add(Bank); return 0; });

            Assert.Equal(beforeSecondSave, File.ReadAllBytes(store.BackupPath));
        }

        var (reopened, contents) = store.Unlock(TestVaults.Passphrase);
        reopened.Dispose();
        Assert.Collection(
            contents.Accounts,
            account => Assert.True(account.SameAs(GitHub)),
            account => Assert.True(account.SameAs(Bank)));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(store.Path));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(store.BackupPath));
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp"));

        // The backup is a complete vault of its own: one account fewer.
        var (backupKey, backup) = new VaultStore(store.BackupPath).Unlock(TestVaults.Passphrase);
        backupKey.Dispose();
        Assert.Equal(["github"], backup.Accounts.Select(account => account.Name));
    }

    [Fact]
    public void A_failing_change_writes_nothing()
    {
        using var directory = new TestDirectory();
        var store = new VaultStore(directory.File("otp.vault"));
        using var key = store.Create(TestVaults.Passphrase, TestVaults.Cheap);
        store.Update(key, contents => { contents.Add(GitHub); return 0; });
        var before = File.ReadAllBytes(store.Path);

        Assert.Throws<VaultContentException>(() => store.Update(key, contents => { contents.Add(GitHub with { Name = "GITHUB" }); return 0; }));

        Assert.Equal(before, File.ReadAllBytes(store.Path));
    }

    [Fact]
    public void A_wrong_passphrase_changes_nothing()
    {
        using var directory = new TestDirectory();
        var store = new VaultStore(directory.File("otp.vault"));
        store.Create(TestVaults.Passphrase, TestVaults.Cheap).Dispose();
        var before = File.ReadAllBytes(store.Path);

        var error = Assert.Throws<VaultFormatException>(() => store.Unlock("not the passphrase"));

        Assert.Equal(VaultCodec.NotAuthentic, error.Message);
        Assert.Equal(before, File.ReadAllBytes(store.Path));
        Assert.False(File.Exists(store.BackupPath));
    }

    [Fact]
    public void An_existing_vault_is_never_overwritten_by_create()
    {
        using var directory = new TestDirectory();
        var store = new VaultStore(directory.File("otp.vault"));
        store.Create(TestVaults.Passphrase, TestVaults.Cheap).Dispose();
        var before = File.ReadAllBytes(store.Path);

        Assert.Throws<VaultStoreException>(() => store.Create("another passphrase", TestVaults.Cheap));

        Assert.Equal(before, File.ReadAllBytes(store.Path));
    }

    [Fact]
    public void A_vault_readable_by_others_is_refused_with_the_fix()
    {
        using var directory = new TestDirectory();
        var store = new VaultStore(directory.File("otp.vault"));
        store.Create(TestVaults.Passphrase, TestVaults.Cheap).Dispose();
        File.SetUnixFileMode(store.Path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<VaultStoreException>(() => store.Unlock(TestVaults.Passphrase));

        Assert.Contains("can be read or written by group or others (mode 0644)", error.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vault_in_a_directory_others_can_write_is_refused()
    {
        using var directory = new TestDirectory();
        var store = new VaultStore(directory.File("otp.vault"));
        store.Create(TestVaults.Passphrase, TestVaults.Cheap).Dispose();
        File.SetUnixFileMode(directory.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute);

        var error = Assert.Throws<VaultStoreException>(() => store.Unlock(TestVaults.Passphrase));

        Assert.Contains("writable by", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_in_place_of_the_vault_is_not_followed()
    {
        using var directory = new TestDirectory();
        var real = new VaultStore(directory.File("real.vault"));
        real.Create(TestVaults.Passphrase, TestVaults.Cheap).Dispose();
        File.CreateSymbolicLink(directory.File("otp.vault"), real.Path);

        var error = Assert.Throws<VaultStoreException>(() => new VaultStore(directory.File("otp.vault")).Unlock(TestVaults.Passphrase));

        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_vault_says_how_to_create_one()
    {
        using var directory = new TestDirectory();

        var error = Assert.Throws<VaultStoreException>(() => new VaultStore(directory.File("otp.vault")).Unlock(TestVaults.Passphrase));

        Assert.Contains("sh-login otp init", error.Message, StringComparison.Ordinal);
    }
}
