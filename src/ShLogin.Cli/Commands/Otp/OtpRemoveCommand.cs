using System.CommandLine;

namespace ShLogin.Cli.Commands.Otp;

/// <summary><c>sh-login otp rm NAME</c>: removes an account (the vault before the change stays in its backup).</summary>
internal static class OtpRemoveCommand
{
    public static Command Create(CliContext context)
    {
        var vault = new OtpVaultOptions(context);
        var name = OtpCommands.NameArgument("NAME", "The account to remove.");
        var command = new Command("rm", "Remove an account. The vault as it was stays in VAULT.bak until the next change.") { name };
        vault.AddTo(command);
        command.SetAction(parseResult =>
        {
            var (store, key, _) = vault.Unlock(parseResult);
            using (key)
            {
                var removed = OtpVaultOptions.Run(() => store.Update(key, contents => contents.Remove(parseResult.GetValue(name)!)));
                parseResult.InvocationConfiguration.Output.WriteLine($"Removed '{removed.Name}'; the previous vault is in {store.BackupPath} until the next change.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
