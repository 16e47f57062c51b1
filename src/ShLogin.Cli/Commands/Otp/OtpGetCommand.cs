using System.CommandLine;
using System.Globalization;

namespace ShLogin.Cli.Commands.Otp;

/// <summary><c>sh-login otp get NAME [--next]</c>: the code on standard output, how long it stays valid on standard error.</summary>
internal static class OtpGetCommand
{
    public static Command Create(CliContext context)
    {
        var vault = new OtpVaultOptions(context);
        var name = OtpCommands.NameArgument("NAME", "The account (see 'sh-login otp list'; case does not matter).");
        var next = new Option<bool>("--next") { Description = "The following code instead of the current one (when the current one is about to expire)." };
        var time = new Option<long?>("--time")
        {
            Description = "The code at this moment (Unix seconds) instead of now.",
            HelpName = "UNIX",
            CustomParser = result => CliOptions.Parse<long?>(result, "--time", "Unix seconds 0-253402300799", text =>
                long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                    && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds() - 3600
                        ? seconds
                        : null),
        };
        var command = new Command("get", "Print an account's current code (standard output) and the seconds it stays valid (standard error).")
        {
            name,
            next,
            time,
        };
        vault.AddTo(command);
        command.SetAction(parseResult =>
        {
            var (_, key, contents) = vault.Unlock(parseResult);
            key.Dispose();
            var account = OtpVaultOptions.Run(() => contents.Require(parseResult.GetValue(name)!));
            var now = parseResult.GetValue(time) is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : context.Time.GetUtcNow();
            var left = account.SecondsLeftAt(now);
            if (parseResult.GetValue(next))
            {
                parseResult.InvocationConfiguration.Output.WriteLine(account.CodeAt(now.AddSeconds(left)));
                parseResult.InvocationConfiguration.Error.WriteLine(
                    $"valid in {left} s, for {account.Parameters.PeriodSeconds} s");
            }
            else
            {
                parseResult.InvocationConfiguration.Output.WriteLine(account.CodeAt(now));
                parseResult.InvocationConfiguration.Error.WriteLine($"valid for {left} more s");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
