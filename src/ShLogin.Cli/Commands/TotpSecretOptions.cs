using System.CommandLine;
using ShLogin.Configuration;

namespace ShLogin.Cli.Commands;

/// <summary>
/// Where <c>totp code</c> and <c>totp qr</c> take an existing secret from: <c>--secret-file</c>,
/// <c>--secret</c>, or else <c>SH_LOGIN_TOTP_SECRET</c> / <c>SH_LOGIN_TOTP_SECRET_FILE</c>.
/// </summary>
internal sealed class TotpSecretOptions
{
    private const string SecretName = "--secret";
    private const string SecretFileName = "--secret-file";

    public Option<string?> Secret { get; } = new(SecretName)
    {
        Description = "The Base32 secret. Other users can read command lines in /proc: prefer --secret-file or "
            + $"{EnvironmentVariableNames.TotpSecret} in the environment.",
        HelpName = "BASE32",
    };

    public Option<string?> SecretFile { get; } = new(SecretFileName)
    {
        Description = "A file holding the Base32 secret.",
        HelpName = "PATH",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Secret);
        command.Options.Add(SecretFile);
    }

    /// <summary>The key bytes, validated as every TOTP secret is; one-line errors otherwise.</summary>
    public byte[] Read(ParseResult parseResult, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(context);
        var secret = parseResult.GetValue(Secret);
        var secretFile = parseResult.GetValue(SecretFile);
        if (secret is not null && secretFile is not null)
        {
            throw new UsageException($"give either {SecretName} or {SecretFileName}, not both");
        }

        if (secret is not null)
        {
            return TotpSecretReader.FromText(SecretName, secret);
        }

        if (secretFile is not null)
        {
            return FromFile(SecretFileName, secretFile, context);
        }

        var variable = context.Variable(EnvironmentVariableNames.TotpSecret);
        var variableFile = context.Variable(EnvironmentVariableNames.TotpSecretFile);
        if (variable is not null && variableFile is not null)
        {
            throw new UsageException(
                $"{EnvironmentVariableNames.TotpSecret} and {EnvironmentVariableNames.TotpSecretFile} are both set: unset one");
        }

        if (variable is not null)
        {
            return TotpSecretReader.FromText(EnvironmentVariableNames.TotpSecret, variable);
        }

        if (variableFile is not null)
        {
            return FromFile(EnvironmentVariableNames.TotpSecretFile, variableFile.Trim(), context);
        }

        throw new UsageException(
            $"no TOTP secret given: use {SecretFileName} PATH, set {EnvironmentVariableNames.TotpSecret} "
            + $"or {EnvironmentVariableNames.TotpSecretFile}, or give {SecretName} BASE32");
    }

    private static byte[] FromFile(string setting, string path, CliContext context) =>
        TotpSecretReader.FromFile(setting, context.FullPath(path), LocalSettingsFileSystem.Instance);
}
