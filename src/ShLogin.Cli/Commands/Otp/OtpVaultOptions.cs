using System.CommandLine;
using System.Text;
using ShLogin.Files;
using ShLogin.Vault;
using ShLogin.Vault.Accounts;
using ShLogin.Vault.Format;
using ShLogin.Vault.Storage;

namespace ShLogin.Cli.Commands.Otp;

/// <summary>
/// What every <c>otp</c> command shares: where the vault is (<c>--vault</c>,
/// <c>SH_LOGIN_OTP_VAULT</c>, the XDG data directory) and how its passphrase is given (a 0600 file
/// named by <c>SH_LOGIN_OTP_PASSPHRASE_FILE</c>, else a prompt without echo; never an argument).
/// </summary>
internal sealed class OtpVaultOptions(CliContext context)
{
    /// <summary>The shortest passphrase accepted for a new vault.</summary>
    public const int MinPassphraseLength = 8;

    public Option<string?> Vault { get; } = new("--vault")
    {
        Description = $"The vault file (default: ${VaultLocation.VaultVariable}, else $XDG_DATA_HOME/sh-login/{VaultLocation.FileName}, else ~/.local/share/sh-login/{VaultLocation.FileName}).",
        HelpName = "PATH",
    };

    public void AddTo(Command command) => command.Options.Add(Vault);

    /// <summary>The vault's path and whether it is the default one (whose directory init may create).</summary>
    public VaultLocation Location(ParseResult parseResult) => Location(parseResult.GetValue(Vault));

    /// <summary>The vault's path given by <paramref name="flag"/> or, when null, by the environment.</summary>
    public VaultLocation Location(string? flag)
    {
        try
        {
            return VaultLocation.Resolve(
                flag is not null ? context.FullPath(flag) : null,
                context.Variable(VaultLocation.VaultVariable) is { } variable ? context.FullPath(variable) : null,
                context.Variable("XDG_DATA_HOME"),
                context.Variable("HOME"));
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message, e);
        }
    }

    /// <summary>The store of the vault named by the options.</summary>
    public VaultStore Store(ParseResult parseResult) => new(Location(parseResult).Path);

    /// <summary>Opens the vault, asking for its passphrase.</summary>
    public (VaultStore Store, VaultKey Key, VaultContents Contents) Unlock(ParseResult parseResult)
    {
        var store = Store(parseResult);
        if (!store.Exists)
        {
            throw new UsageException($"no vault at {store.Path}; create one with 'sh-login otp init'" + (parseResult.GetValue(Vault) is null ? string.Empty : " --vault " + store.Path));
        }

        var passphrase = Passphrase(confirm: false);
        var (key, contents) = Run(() => store.Unlock(passphrase));
        return (store, key, contents);
    }

    /// <summary>The passphrase from the file or a prompt; a new one (<paramref name="confirm"/>) is asked twice and must be long enough.</summary>
    public string Passphrase(bool confirm)
    {
        string passphrase;
        if (context.Variable(VaultLocation.PassphraseFileVariable) is { } file)
        {
            passphrase = ReadPassphraseFile(context.FullPath(file));
        }
        else
        {
            if (!context.InputIsTerminal)
            {
                throw new UsageException(
                    $"the vault's passphrase is asked on a terminal, and standard input is not one: set {VaultLocation.PassphraseFileVariable} to a file of yours with mode 0600 that holds it");
            }

            passphrase = context.ReadHidden(confirm ? "New vault passphrase: " : "Vault passphrase: ")
                ?? throw new UsageException("no passphrase was given");
            if (confirm && context.ReadHidden("Repeat the passphrase: ") != passphrase)
            {
                throw new UsageException("the two passphrases differ; nothing was created");
            }
        }

        if (passphrase.Length == 0)
        {
            throw new UsageException("the passphrase is empty");
        }

        if (confirm && passphrase.Length < MinPassphraseLength)
        {
            throw new UsageException($"the passphrase has {passphrase.Length} characters; a new vault needs at least {MinPassphraseLength} (a few random words are best)");
        }

        return passphrase;
    }

    /// <summary>Runs a vault operation, its failures made one line for the user.</summary>
    public static T Run<T>(Func<T> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        try
        {
            return operation();
        }
        catch (Exception e) when (e is VaultFormatException or VaultStoreException or VaultContentException or ShLogin.Vault.Transfer.TransferException)
        {
            throw new UsageException(e.Message, e);
        }
    }

    private static string ReadPassphraseFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = PrivateFile.ReadOwnSecret(path, 4097);
        }
        catch (UntrustedPathException e)
        {
            throw new UsageException($"{VaultLocation.PassphraseFileVariable}: {e.Reason}" + (e.Fix is null ? string.Empty : $" (fix: {e.Fix})"), e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{VaultLocation.PassphraseFileVariable}='{path}' cannot be read: {e.Message}", e);
        }

        if (bytes.Length > 4096)
        {
            throw new UsageException($"{VaultLocation.PassphraseFileVariable}='{path}' is longer than 4096 bytes: expected a passphrase");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new UsageException($"{VaultLocation.PassphraseFileVariable}='{path}' is not UTF-8 text", e);
        }

        // One final line break is the file's, not the passphrase's.
        return text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
    }
}
