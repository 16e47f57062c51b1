using System.CommandLine;
using ShLogin.Cli.Commands;
using ShLogin.Cli.Commands.Otp;

namespace ShLogin.Cli;

internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var context = CliContext.FromProcess();
        return CliRunner.RunAsync(CreateRootCommand(context), args, context, Console.Out, Console.Error);
    }

    /// <summary>Every command of <c>sh-login</c>, one line each; <c>--help</c> comes built in, <c>--version</c> names the build.</summary>
    internal static RootCommand CreateRootCommand(CliContext context)
    {
        var root = new RootCommand("ShLogin puts a login (startup token and/or TOTP) in front of any web app.")
        {
            StartCommand.Create(context),
            ServeCommand.Create(context),
            OtpServerCommand.Create(context),
            NginxConfCommand.Create(),
            TotpCommands.Create(context),
            OtpCommands.Create(context),
            DemoCommand.Create(context),
        };
        BuildInfo.UseForVersionOption(root);
        return root;
    }
}
