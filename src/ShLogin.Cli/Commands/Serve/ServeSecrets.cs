using ShLogin.Configuration;
using ShLogin.Secrets;

namespace ShLogin.Cli.Commands.Serve;

/// <summary>
/// The token and TOTP key <c>sh-login serve</c> checks: the configured ones, or new ones made for
/// this run when the mode needs them and none is configured. Only generated secrets are printed
/// (the user has no other way to learn them); configured ones never are.
/// </summary>
internal sealed class ServeSecrets
{
    private const string Issuer = "ShLogin";

    private ServeSecrets(string? token, bool tokenGenerated, byte[]? totpKey, bool totpKeyGenerated)
    {
        Token = token;
        TokenGenerated = tokenGenerated;
        TotpKey = totpKey;
        TotpKeyGenerated = totpKeyGenerated;
    }

    public string? Token { get; }

    public bool TokenGenerated { get; }

    public byte[]? TotpKey { get; }

    public bool TotpKeyGenerated { get; }

    /// <summary>Takes the configured secrets and makes up the missing ones the mode needs.</summary>
    public static ServeSecrets For(ShLoginSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var tokenGenerated = settings.RequiresToken && settings.Token is null;
        var totpKeyGenerated = settings.RequiresTotp && settings.TotpSecret is null;
        return new ServeSecrets(
            tokenGenerated ? SecretTokens.NewToken() : settings.Token,
            tokenGenerated,
            totpKeyGenerated ? SecretTokens.NewTotpKey() : settings.TotpSecret,
            totpKeyGenerated);
    }

    /// <summary>Prints what was generated, and how to keep it next time.</summary>
    public void PrintGenerated(TextWriter output, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);
        if (TokenGenerated)
        {
            output.WriteLine($"Token (made for this run): {Token}");
            output.WriteLine(
                $"  Sign in with it at /auth/login, or open /auth/login?token=<token> on your nginx. "
                + $"To choose the token yourself, set {EnvironmentVariableNames.Token} (16+ characters) in the environment.");
        }

        if (TotpKeyGenerated)
        {
            var uri = OtpAuthUri.Build(TotpKey!, Issuer, $"{context.UserName}@{context.HostName}", TotpParameters.Default);
            output.WriteLine("TOTP secret (made for this run; it ends when sh-login serve stops). Scan it with an authenticator app:");
            output.WriteLine($"otpauth URI: {uri}");
            output.Write(TerminalQr.Render(uri));
            output.WriteLine(
                $"  To keep a secret across restarts: sh-login totp new --secret-file PATH, then set {EnvironmentVariableNames.TotpSecretFile}=PATH "
                + $"(or name the file {SettingsReader.WorkingDirectorySecretFileName} in the directory where serve runs).");
        }
    }
}
