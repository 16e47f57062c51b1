using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ShLogin.Configuration;
using ShLogin.Secrets;

namespace ShLogin.Cli.Commands;

/// <summary><c>sh-login totp new|code|qr</c>: TOTP secrets for authenticator apps.</summary>
internal static class TotpCommands
{
    private const string DefaultIssuer = "ShLogin";

    public static Command Create(CliContext context) =>
        new("totp", "TOTP secrets for authenticator apps: create one, show its QR code, compute the current code.")
        {
            CreateNew(context),
            CreateCode(context),
            CreateQr(context),
        };

    private static Command CreateNew(CliContext context)
    {
        var label = new LabelOptions(context);
        var parameters = new TotpParameterOptions();
        var secretFile = new Option<string?>("--secret-file")
        {
            Description = "Write the secret to this new file (mode 0600) instead of printing it; an existing file is never overwritten.",
            HelpName = "PATH",
        };
        var command = new Command("new", "Create a TOTP secret: prints it in Base32, its otpauth:// URI and a QR code to scan.");
        label.AddTo(command);
        parameters.AddTo(command);
        command.Options.Add(secretFile);

        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var totpParameters = parameters.Read(parseResult);
            var key = SecretTokens.NewTotpKey();
            if (parseResult.GetValue(secretFile) is { } path)
            {
                var fullPath = context.FullPath(path);
                WriteNewSecretFile(fullPath, Base32.Encode(key));
                output.WriteLine($"Wrote a new TOTP secret to {fullPath} (mode 0600).");
                var again = GivenOptions(parseResult, [.. label.All, .. parameters.All]);
                output.WriteLine(
                    $"Show its QR code for an authenticator app with: sh-login totp qr --secret-file {ShellQuote(fullPath)}{again}");
                return ExitCodes.Success;
            }

            var uri = OtpAuthUri.Build(key, label.Issuer(parseResult), label.Account(parseResult), totpParameters);
            output.WriteLine($"Secret (Base32): {Base32.Encode(key)}");
            output.WriteLine($"otpauth URI:     {uri}");
            output.WriteLine("Scan with an authenticator app:");
            output.Write(TerminalQr.Render(uri));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateCode(CliContext context)
    {
        var secret = new TotpSecretOptions();
        var parameters = new TotpParameterOptions();
        var time = new Option<long?>("--time")
        {
            Description = "Compute the code for this moment (Unix seconds) instead of now.",
            HelpName = "UNIX",
            CustomParser = result => CliOptions.Parse<long?>(result, "--time", "Unix seconds 0-253402300799", text =>
                long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                    && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
                        ? seconds
                        : null),
        };
        var command = new Command(
            "code",
            $"Print the current code of a secret, and nothing else. The secret comes from --secret-file, "
            + $"--secret, or else {EnvironmentVariableNames.TotpSecret} or {EnvironmentVariableNames.TotpSecretFile}.");
        secret.AddTo(command);
        command.Options.Add(time);
        parameters.AddTo(command);

        command.SetAction(parseResult =>
        {
            var totp = new Totp(secret.Read(parseResult, context), parameters.Read(parseResult));
            var moment = parseResult.GetValue(time) is { } seconds
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : context.Time.GetUtcNow();
            parseResult.InvocationConfiguration.Output.WriteLine(totp.ComputeAt(moment));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateQr(CliContext context)
    {
        var secret = new TotpSecretOptions();
        var label = new LabelOptions(context);
        var parameters = new TotpParameterOptions();
        var command = new Command(
            "qr",
            $"Show the QR code of an existing secret, to add it to another authenticator app. The secret comes from "
            + $"--secret-file, --secret, or else {EnvironmentVariableNames.TotpSecret} or {EnvironmentVariableNames.TotpSecretFile}.");
        secret.AddTo(command);
        label.AddTo(command);
        parameters.AddTo(command);

        command.SetAction(parseResult =>
        {
            var key = secret.Read(parseResult, context);
            var uri = OtpAuthUri.Build(key, label.Issuer(parseResult), label.Account(parseResult), parameters.Read(parseResult));
            parseResult.InvocationConfiguration.Output.Write(TerminalQr.Render(uri));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The options the user typed, to repeat them in a suggested command.</summary>
    private static string GivenOptions(ParseResult parseResult, IEnumerable<Option> options) =>
        string.Concat(options
            .Select(option => parseResult.GetResult(option))
            .OfType<OptionResult>()
            .Where(result => !result.Implicit && result.Tokens.Count > 0)
            .Select(result => $" {result.Option.Name} {ShellQuote(result.Tokens[0].Value)}"));

    private static string ShellQuote(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or '@' or ':' or '+' or '=')
            ? text
            : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static void WriteNewSecretFile(string path, string secret)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, options);
            writer.WriteLine(secret);
        }
        catch (IOException) when (Path.Exists(path))
        {
            throw new UsageException($"--secret-file '{path}' already exists; refusing to overwrite it");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--secret-file '{path}' cannot be created: {e.Message}");
        }
    }

    /// <summary><c>--issuer</c> and <c>--account</c>: how an authenticator app labels the secret.</summary>
    private sealed class LabelOptions(CliContext context)
    {
        private readonly Option<string> issuer = CliOptions.NonEmptyText(
            "--issuer", "Issuer shown by the authenticator app.", () => DefaultIssuer);

        private readonly Option<string> account = CliOptions.NonEmptyText(
            "--account", "Account name shown by the authenticator app.", () => $"{context.UserName}@{context.HostName}");

        public IEnumerable<Option> All => [issuer, account];

        public void AddTo(Command command)
        {
            command.Options.Add(issuer);
            command.Options.Add(account);
        }

        public string Issuer(ParseResult parseResult) => parseResult.GetValue(issuer)!;

        public string Account(ParseResult parseResult) => parseResult.GetValue(account)!;
    }
}
