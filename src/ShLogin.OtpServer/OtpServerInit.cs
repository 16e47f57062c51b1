using ShLogin.OtpServer.Realms;
using ShLogin.OtpServer.Secrets;
using ShLogin.OtpServer.Storage;
using ShLogin.OtpServer.Totp;

namespace ShLogin.OtpServer;

/// <summary>
/// The bootstrap of an OTP server, as <c>sh-login otp-server init</c> does it (and the AppHost
/// before it starts one): the server key (0600) when missing, the database migrated, the first
/// <see cref="RealmPolicy.Admin"/> entry with a new seed.
/// </summary>
public static class OtpServerInit
{
    /// <summary>Runs the bootstrap on <paramref name="setup"/>; the returned seed exists nowhere else in clear.</summary>
    /// <exception cref="OtpServerConfigurationException">
    /// The key or store cannot be used, the key does not open the stored seeds, or the store has an admin entry already.
    /// </exception>
    public static async Task<FirstAdminEntry> CreateFirstAdminAsync(OtpServerSetup setup, string adminName, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(adminName);
        ArgumentNullException.ThrowIfNull(time);
        var createdKey = ServerKeyFile.CreateIfMissing(setup.KeyFile);
        var cipher = setup.ReadCipher();
        await using var store = await setup.OpenStoreAsync(cancellationToken);
        await OtpServerSetup.RequireKeyOpensSeedsAsync(store, cipher, setup.KeyFile, cancellationToken);
        if (await store.CountInRealmAsync(RealmPolicy.Admin, cancellationToken) > 0)
        {
            throw new OtpServerConfigurationException(
                $"{store.Describe()} has an entry in {RealmPolicy.Admin} already: init makes only the first one (create more through POST /ungleichotp/)");
        }

        var id = Guid.NewGuid();
        var seed = TotpCheck.NewSeed();
        try
        {
            var entry = new OtpEntry(id, adminName, RealmPolicy.Admin, adminName, true, cipher.Encrypt(id, seed), time.GetUtcNow());
            if (!await store.TryCreateAsync(entry, cancellationToken))
            {
                throw new OtpServerConfigurationException($"{adminName}@{RealmPolicy.Admin} exists already");
            }

            return new FirstAdminEntry(id, adminName, RealmPolicy.Admin, TotpCheck.ToBase32(seed), createdKey, store.Describe());
        }
        finally
        {
            Array.Clear(seed);
        }
    }
}
