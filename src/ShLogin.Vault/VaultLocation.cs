namespace ShLogin.Vault;

/// <summary>Where the vault file is, and the variables that say so.</summary>
/// <param name="Path">The vault file's absolute path.</param>
/// <param name="IsDefault">Whether it is the default location (whose directory <c>init</c> creates, 0700).</param>
public sealed record VaultLocation(string Path, bool IsDefault)
{
    /// <summary>The vault file (overridden by <c>--vault</c>).</summary>
    public const string VaultVariable = Configuration.EnvironmentVariableNames.OtpVault;

    /// <summary>A 0600 file holding the passphrase, instead of the prompt.</summary>
    public const string PassphraseFileVariable = Configuration.EnvironmentVariableNames.OtpPassphraseFile;

    /// <summary>The vault's file name in the default directory.</summary>
    public const string FileName = "otp.vault";

    /// <summary>The vault named by a flag, else the variable, else <c>$XDG_DATA_HOME/sh-login/otp.vault</c>, else <c>~/.local/share/sh-login/otp.vault</c>.</summary>
    /// <exception cref="ArgumentException">No location can be found (no HOME), with a message for the user.</exception>
    public static VaultLocation Resolve(string? flag, string? variable, string? xdgDataHome, string? home)
    {
        if (flag is not null)
        {
            return new VaultLocation(System.IO.Path.GetFullPath(flag), false);
        }

        if (variable is not null)
        {
            return new VaultLocation(System.IO.Path.GetFullPath(variable), false);
        }

        // The XDG specification ignores a relative XDG_DATA_HOME.
        var dataHome = xdgDataHome is { } xdg && System.IO.Path.IsPathRooted(xdg)
            ? xdg
            : home is { } h && System.IO.Path.IsPathRooted(h)
                ? System.IO.Path.Combine(h, ".local", "share")
                : throw new ArgumentException($"no place for the vault: HOME is not set; give --vault PATH or set {VaultVariable}");
        return new VaultLocation(System.IO.Path.Combine(dataHome, "sh-login", FileName), true);
    }
}
