namespace ShLogin.Vault.Accounts;

/// <summary>A change the vault's accounts do not allow (a name taken, an account missing); one line for the user.</summary>
public sealed class VaultContentException : Exception
{
    public VaultContentException()
    {
    }

    public VaultContentException(string message)
        : base(message)
    {
    }

    public VaultContentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
