using System.CommandLine;
using ShLogin.Vault.Accounts;
using ShLogin.Vault.Transfer;

namespace ShLogin.Cli.Commands.Otp;

/// <summary>
/// <c>sh-login otp add [NAME]</c>: a Base32 secret (or, with <c>--uri</c>, an otpauth URI) from a
/// prompt without echo or from standard input, or the URI in a QR code image (<c>--qr FILE</c>).
/// Never from an argument: other users can read every process's arguments.
/// </summary>
internal static class OtpAddCommand
{
    private const int MaxInputLength = OtpAuthUriParser.MaxLength;

    public static Command Create(CliContext context)
    {
        var vault = new OtpVaultOptions(context);
        var name = new Argument<string?>("NAME")
        {
            Description = "The account's name in the vault (default with --uri or --qr: the issuer).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var issuer = new Option<string?>("--issuer") { Description = "The service that issued the secret.", HelpName = "TEXT" };
        var uri = new Option<bool>("--uri") { Description = "Read an otpauth://totp/... URI (with its issuer, digits, period, algorithm) instead of a bare secret, from the prompt or standard input." };
        var qr = new Option<string?>("--qr") { Description = "Read the otpauth URI from the QR code in this PNG or JPEG image.", HelpName = "FILE" };
        var parameters = new TotpParameterOptions();
        var command = new Command(
            "add",
            "Add an account. The secret is asked without echo, or read from standard input (echo ... | sh-login otp add NAME), never taken as an argument.")
        {
            name,
            issuer,
            uri,
            qr,
        };
        parameters.AddTo(command);
        vault.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetResult(uri) is { Implicit: false } && result.GetResult(qr) is { Implicit: false })
            {
                result.AddError("--uri and --qr exclude each other: give one of them");
            }

            if (result.GetValue(name) is { } given && !OtpAccount.IsValidName(given))
            {
                result.AddError(CliOptions.Invalid("NAME", given, OtpAccount.NameAccepted));
            }

            if (result.GetValue(issuer) is { } issued && !OtpAccount.IsValidIssuer(issued))
            {
                result.AddError(CliOptions.Invalid("--issuer", issued, OtpAccount.NameAccepted));
            }
        });

        command.SetAction(parseResult =>
        {
            ImportedAccount imported;
            var fromUri = parseResult.GetValue(uri);
            if (parseResult.GetValue(qr) is { } image)
            {
                imported = OtpVaultOptions.Run(() => OtpAuthUriParser.Parse(QrImage.Decode(ReadImage(context.FullPath(image)))));
            }
            else
            {
                var text = ReadSecretInput(context, fromUri ? "otpauth URI: " : "Secret (Base32): ");
                imported = fromUri
                    ? OtpVaultOptions.Run(() => OtpAuthUriParser.Parse(text))
                    : new ImportedAccount { Secret = OtpVaultOptions.Run(() => OtpAuthUriParser.ParseSecret(text)), Parameters = parameters.Read(parseResult) };
            }

            if (parseResult.GetValue(issuer) is { } issuerName)
            {
                imported = imported with { Issuer = issuerName };
            }

            var accountName = parseResult.GetValue(name);
            if (accountName is null && !imported.SuggestedNames().Any())
            {
                throw new UsageException("give the account a NAME (sh-login otp add NAME)");
            }

            var (store, key, _) = vault.Unlock(parseResult);
            using (key)
            {
                var added = OtpVaultOptions.Run(() => store.Update(key, contents => imported.AddTo(contents, accountName)));
                var p = added.Parameters;
                parseResult.InvocationConfiguration.Output.WriteLine(
                    $"Added '{added.Name}'{(added.Issuer.Length > 0 ? $" ({added.Issuer})" : string.Empty)}: "
                    + $"{Secrets.TotpParameters.AlgorithmName(p.Algorithm)}, {p.Digits} digits, {p.PeriodSeconds} s.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string ReadSecretInput(CliContext context, string prompt)
    {
        string? text;
        if (context.InputIsTerminal)
        {
            text = context.ReadHidden(prompt);
        }
        else
        {
            var buffer = new char[MaxInputLength + 1];
            var length = context.Input.ReadBlock(buffer, 0, buffer.Length);
            if (length > MaxInputLength)
            {
                throw new UsageException($"standard input holds more than {MaxInputLength} characters: expected one secret or URI");
            }

            text = new string(buffer, 0, length);
        }

        return string.IsNullOrWhiteSpace(text)
            ? throw new UsageException("no secret was given (type it at the prompt, or pipe it on standard input)")
            : text.Trim();
    }

    private static byte[] ReadImage(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > QrImage.MaxFileBytes)
            {
                throw new UsageException($"--qr '{path}' is larger than {QrImage.MaxFileBytes / (1024 * 1024)} MiB: expected a PNG or JPEG image of a QR code");
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--qr '{path}' cannot be read: {e.Message}", e);
        }
    }
}
