using System.CommandLine;
using System.Text;
using ShLogin.Files;

namespace ShLogin.Cli.Commands.Otp;

/// <summary>
/// <c>sh-login otp export</c>: every account as an otpauth URI, one a line, to a new 0600 file
/// (<c>--output</c>) or standard output; only after the user confirms (or <c>--yes</c>), since the
/// secrets leave the vault in clear.
/// </summary>
internal static class OtpExportCommand
{
    public static Command Create(CliContext context)
    {
        var vault = new OtpVaultOptions(context);
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation (scripts)." };
        var outputFile = new Option<string?>("--output")
        {
            Description = "Write to this new file (mode 0600; an existing file is never overwritten) instead of standard output.",
            HelpName = "PATH",
        };
        var command = new Command(
            "export",
            "Print every account as an otpauth:// URI, SECRETS IN CLEAR, for another authenticator or 'otp import'. Asks first unless --yes.")
        {
            yes,
            outputFile,
        };
        vault.AddTo(command);
        command.SetAction(parseResult =>
        {
            var target = parseResult.GetValue(outputFile) is { } file ? context.FullPath(file) : null;
            if (target is not null && PathTrust.StatusOf(target) is not null)
            {
                throw new UsageException($"--output '{target}' already exists; refusing to overwrite it");
            }

            var (_, key, contents) = vault.Unlock(parseResult);
            key.Dispose();
            if (!parseResult.GetValue(yes))
            {
                if (!context.InputIsTerminal)
                {
                    throw new UsageException("export prints your secrets in clear: confirm at a terminal, or give --yes");
                }

                var where = target ?? (context.OutputIsTerminal ? "this terminal (and its scrollback)" : "standard output");
                var answer = context.ReadHidden($"Export the secrets of {contents.Accounts.Count} account(s) in clear to {where}? Type 'yes': ");
                if (!string.Equals(answer?.Trim(), "yes", StringComparison.OrdinalIgnoreCase))
                {
                    throw new UsageException("not confirmed; nothing was exported");
                }
            }

            var text = new StringBuilder();
            foreach (var account in contents.Accounts)
            {
                text.Append(account.ToUri()).Append('\n');
            }

            if (target is null)
            {
                parseResult.InvocationConfiguration.Output.Write(text.ToString());
                return ExitCodes.Success;
            }

            WriteNewFile(target, text.ToString());
            parseResult.InvocationConfiguration.Error.WriteLine($"Exported {contents.Accounts.Count} account(s) to {target} (mode 0600). It holds the secrets in clear: delete it when done.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteNewFile(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, UnixCreateMode = PrivateFile.Mode };
        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(Encoding.UTF8.GetBytes(content));
        }
        catch (IOException) when (Path.Exists(path))
        {
            throw new UsageException($"--output '{path}' already exists; refusing to overwrite it");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--output '{path}' cannot be written: {e.Message}", e);
        }
    }
}
