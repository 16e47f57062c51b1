using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using ShLogin.Configuration;
using ShLogin.LoginService;

namespace ShLogin.Cli;

/// <summary>
/// Parses and runs a command line, and turns every failure into one line on stderr:
/// usage and configuration errors exit 2, anything unexpected exits 1 (with the stack trace only
/// when <c>SH_LOGIN_DEBUG=1</c>).
/// </summary>
internal static class CliRunner
{
    public const string Prefix = "sh-login: ";

    private static readonly TimeSpan TerminationTimeout = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(
        RootCommand root,
        IReadOnlyList<string> args,
        CliContext context,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);

        ShowHelpForCommandGroups(root);
        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction && parseResult.Errors.Count > 0)
        {
            var command = CommandPath(parseResult.CommandResult.Command, root);
            await error.WriteLineAsync(
                $"{Prefix}{OneLine(parseResult.Errors[0].Message)} (see '{command} --help')");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,

            // SIGINT/SIGTERM cancel a running command (serve, start); it then has this long to stop.
            ProcessTerminationTimeout = TerminationTimeout,
        };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception e) when (e is ConfigurationException or UsageException or LoginServiceOptionsException)
        {
            await error.WriteLineAsync(Prefix + OneLine(e.Message));
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            var hint = context.Debug ? string.Empty : $" (set {EnvironmentVariableNames.Debug}=1 for details)";
            await error.WriteLineAsync($"{Prefix}unexpected error: {e.GetType().Name}: {OneLine(e.Message)}{hint}");
            if (context.Debug)
            {
                await error.WriteLineAsync(e.ToString());
            }

            return ExitCodes.Failure;
        }
    }

    /// <summary><c>sh-login</c> or <c>sh-login totp</c> alone shows what can follow (exit code 2: nothing was done).</summary>
    private static void ShowHelpForCommandGroups(Command command)
    {
        if (command.Subcommands.Count == 0)
        {
            return;
        }

        command.Action ??= new ShowHelpAction();
        foreach (var subcommand in command.Subcommands)
        {
            ShowHelpForCommandGroups(subcommand);
        }
    }

    private static string CommandPath(Command command, RootCommand root)
    {
        var names = new Stack<string>();
        for (Command? current = command; current is not null; current = current.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Push(ReferenceEquals(current, root) ? "sh-login" : current.Name);
        }

        return string.Join(' ', names);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private sealed class ShowHelpAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            new HelpAction().Invoke(parseResult);
            return ExitCodes.Usage;
        }
    }
}
