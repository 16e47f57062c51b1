using System.CommandLine;

namespace ShLogin.Cli.Commands.Otp;

/// <summary><c>sh-login otp …</c>: the user's own TOTP accounts, in an encrypted vault.</summary>
internal static class OtpCommands
{
    public static Command Create(CliContext context) =>
        new("otp", "Your own TOTP accounts (an authenticator): codes from an encrypted vault, also as a web page behind the login ('start --app otp').")
        {
            OtpInitCommand.Create(context),
            OtpAddCommand.Create(context),
            OtpListCommand.Create(context),
            OtpGetCommand.Create(context),
            OtpRemoveCommand.Create(context),
            OtpRenameCommand.Create(context),
            OtpExportCommand.Create(context),
            OtpImportCommand.Create(context),
            OtpWebCommand.Create(context),
        };

    /// <summary>The required account name argument.</summary>
    public static Argument<string> NameArgument(string name, string description) => new(name)
    {
        Description = description,
    };
}
