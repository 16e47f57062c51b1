using System.CommandLine;
using ShLogin.Vault.Transfer;

namespace ShLogin.Cli.Commands.Otp;

/// <summary>
/// <c>sh-login otp import FILE</c>: otpauth URIs (one a line) and Google Authenticator exports
/// (otpauth-migration://), as text or as a QR code image. All or nothing: one bad line changes nothing.
/// </summary>
internal static class OtpImportCommand
{
    private const int MaxFileBytes = 10 * 1024 * 1024;

    public static Command Create(CliContext context)
    {
        var vault = new OtpVaultOptions(context);
        var file = new Argument<string>("FILE")
        {
            Description = "A text file of otpauth:// or otpauth-migration:// URIs, one a line, or a PNG/JPEG of such a QR code; '-' reads standard input.",
        };
        var command = new Command("import", "Import accounts from otpauth URIs or a Google Authenticator export (its 'transfer accounts' QR code).") { file };
        vault.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(file)!;
            var bytes = await ReadAsync(path == "-" ? null : context.FullPath(path), context, cancellationToken);
            var (accounts, skipped) = OtpVaultOptions.Run(() => ImportSource.Read(bytes));
            if (accounts.Count == 0)
            {
                throw new UsageException($"'{path}' holds no TOTP account" + (skipped > 0 ? $" ({skipped} HOTP or unknown entries are not supported)" : string.Empty));
            }

            var (store, key, _) = vault.Unlock(parseResult);
            using (key)
            {
                var (added, present) = OtpVaultOptions.Run(() => store.Update(key, contents =>
                {
                    var names = new List<string>();
                    var already = 0;
                    foreach (var account in accounts)
                    {
                        if (contents.Accounts.Any(existing => existing.Secret.AsSpan().SequenceEqual(account.Secret) && existing.Parameters == account.Parameters))
                        {
                            already++;
                            continue;
                        }

                        names.Add(account.AddTo(contents).Name);
                    }

                    return (names, already);
                }));
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine($"Imported {added.Count} account(s)" + (added.Count > 0 ? ": " + string.Join(", ", added) : string.Empty) + ".");
                if (present > 0)
                {
                    output.WriteLine($"{present} were in the vault already (same secret) and were left as they are.");
                }

                if (skipped > 0)
                {
                    output.WriteLine($"{skipped} HOTP or unknown entries were left out (only TOTP is supported).");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<byte[]> ReadAsync(string? path, CliContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (path is null)
            {
                var text = await context.Input.ReadToEndAsync(cancellationToken);
                return text.Length > MaxFileBytes ? throw new UsageException("standard input is larger than 10 MiB") : System.Text.Encoding.UTF8.GetBytes(text);
            }

            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxFileBytes)
            {
                throw new UsageException($"'{path}' is larger than 10 MiB: expected otpauth URIs or a QR code image");
            }

            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"'{path}' cannot be read: {e.Message}", e);
        }
    }
}
