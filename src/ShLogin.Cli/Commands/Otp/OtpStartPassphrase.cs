using ShLogin.Stack;
using ShLogin.Vault.Storage;

namespace ShLogin.Cli.Commands.Otp;

/// <summary>
/// For <c>sh-login start --app otp</c>: asks for the vault's passphrase (or reads
/// <c>SH_LOGIN_OTP_PASSPHRASE_FILE</c>), checks that it opens the vault, and leaves it for the
/// workload in the private runtime directory, before anything starts.
/// </summary>
internal static class OtpStartPassphrase
{
    public static void Provide(CliContext context, RuntimeDirectory runtime)
    {
        var vault = new OtpVaultOptions(context);
        var store = new VaultStore(vault.Location(flag: null).Path);
        if (!store.Exists)
        {
            throw new UsageException($"--app otp: no vault at {store.Path}; create one with 'sh-login otp init' (or set {Vault.VaultLocation.VaultVariable})");
        }

        var passphrase = vault.Passphrase(confirm: false);
        var (key, _) = OtpVaultOptions.Run(() => store.Unlock(passphrase));
        key.Dispose();
        WorkloadCatalog.WriteOtpPassphrase(runtime, passphrase);
    }
}
