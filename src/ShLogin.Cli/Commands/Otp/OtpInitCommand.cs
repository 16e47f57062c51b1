using System.CommandLine;
using ShLogin.Files;
using ShLogin.Vault.Format;

namespace ShLogin.Cli.Commands.Otp;

/// <summary><c>sh-login otp init</c>: creates an empty vault with a new passphrase.</summary>
internal static class OtpInitCommand
{
    public static Command Create(CliContext context)
    {
        var vault = new OtpVaultOptions(context);
        var memory = CliOptions.IntegerInRange(
            "--kdf-memory", "Argon2id memory in MiB: more makes guessing the passphrase slower.", "MIB", KdfParameters.Default.MemoryKiB / 1024, 8, KdfParameters.MaxMemoryKiB / 1024, "MiB 8-1024");
        var iterations = CliOptions.IntegerInRange(
            "--kdf-iterations", "Argon2id passes over that memory.", "N", KdfParameters.Default.Iterations, 1, KdfParameters.MaxIterations, "1-64");
        var command = new Command("init", "Create an empty vault, encrypted with a new passphrase (asked twice, or from $SH_LOGIN_OTP_PASSPHRASE_FILE).")
        {
            memory,
            iterations,
        };
        vault.AddTo(command);
        command.SetAction(parseResult =>
        {
            var location = vault.Location(parseResult);
            var directory = Path.GetDirectoryName(location.Path)!;
            if (location.IsDefault)
            {
                try
                {
                    PrivateDirectory.Ensure(directory);
                }
                catch (UntrustedPathException e)
                {
                    throw new UsageException($"refusing the vault's directory: {e.Reason}" + (e.Fix is null ? string.Empty : $" (fix: {e.Fix})"), e);
                }
            }
            else if (!Directory.Exists(directory))
            {
                throw new UsageException($"--vault: the directory {directory} does not exist; create it (mode 0700) first");
            }

            var store = new Vault.Storage.VaultStore(location.Path);
            if (store.Exists)
            {
                throw new UsageException($"{store.Path} already exists; refusing to overwrite a vault (remove it yourself to start over)");
            }

            var kdf = new KdfParameters(parseResult.GetValue(memory) * 1024, parseResult.GetValue(iterations), KdfParameters.Default.Parallelism);
            var passphrase = vault.Passphrase(confirm: true);
            using var key = OtpVaultOptions.Run(() => store.Create(passphrase, kdf));
            parseResult.InvocationConfiguration.Output.WriteLine(
                $"Created the vault {store.Path} (mode 0600; Argon2id {kdf.MemoryKiB / 1024} MiB, {kdf.Iterations} passes, {kdf.Parallelism} lanes; AES-256-GCM).");
            parseResult.InvocationConfiguration.Output.WriteLine("Add an account with: sh-login otp add NAME");
            return ExitCodes.Success;
        });
        return command;
    }
}
