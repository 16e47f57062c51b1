namespace ShLogin.Vault.Format;

/// <summary>
/// A vault file cannot be opened: not a vault, an unknown format version, truncated, tampered
/// with, or the wrong passphrase. The message is one line for the user.
/// </summary>
public sealed class VaultFormatException : Exception
{
    public VaultFormatException()
    {
    }

    public VaultFormatException(string message)
        : base(message)
    {
    }

    public VaultFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
