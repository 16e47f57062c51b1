using System.CommandLine;
using ShLogin.Secrets;

namespace ShLogin.Cli.Commands.Otp;

/// <summary><c>sh-login otp list</c>: names, issuers and parameters; never secrets.</summary>
internal static class OtpListCommand
{
    public static Command Create(CliContext context)
    {
        var vault = new OtpVaultOptions(context);
        var command = new Command("list", "List the accounts: name, issuer, algorithm, digits, period (never the secrets).");
        vault.AddTo(command);
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var (_, key, contents) = vault.Unlock(parseResult);
            key.Dispose();
            if (contents.Accounts.Count == 0)
            {
                parseResult.InvocationConfiguration.Error.WriteLine("The vault is empty; add an account with: sh-login otp add NAME");
                return ExitCodes.Success;
            }

            var nameWidth = Math.Max(4, contents.Accounts.Max(account => account.Name.Length));
            var issuerWidth = Math.Max(6, contents.Accounts.Max(account => account.Issuer.Length));
            output.WriteLine($"{"NAME".PadRight(nameWidth)}  {"ISSUER".PadRight(issuerWidth)}  ALGORITHM  DIGITS  PERIOD");
            foreach (var account in contents.Accounts)
            {
                var p = account.Parameters;
                output.WriteLine(
                    $"{account.Name.PadRight(nameWidth)}  {account.Issuer.PadRight(issuerWidth)}  {TotpParameters.AlgorithmName(p.Algorithm),-9}  {p.Digits,6}  {p.PeriodSeconds,5}s");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
