using System.CommandLine;
using ShLogin.Vault.Accounts;

namespace ShLogin.Cli.Commands.Otp;

/// <summary><c>sh-login otp rename OLD NEW</c>.</summary>
internal static class OtpRenameCommand
{
    public static Command Create(CliContext context)
    {
        var vault = new OtpVaultOptions(context);
        var oldName = OtpCommands.NameArgument("OLD", "The account's current name.");
        var newName = OtpCommands.NameArgument("NEW", "Its new name.");
        var command = new Command("rename", "Rename an account.") { oldName, newName };
        vault.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(newName) is { } given && !OtpAccount.IsValidName(given))
            {
                result.AddError(CliOptions.Invalid("NEW", given, OtpAccount.NameAccepted));
            }
        });
        command.SetAction(parseResult =>
        {
            var (store, key, _) = vault.Unlock(parseResult);
            using (key)
            {
                OtpVaultOptions.Run(() => store.Update(key, contents =>
                {
                    contents.Rename(parseResult.GetValue(oldName)!, parseResult.GetValue(newName)!);
                    return true;
                }));
            }

            parseResult.InvocationConfiguration.Output.WriteLine($"Renamed '{parseResult.GetValue(oldName)}' to '{parseResult.GetValue(newName)}'.");
            return ExitCodes.Success;
        });
        return command;
    }
}
