namespace ShLogin.Vault.Storage;

/// <summary>The vault's file or directory cannot be used (missing, not the user's, exists already); one line for the user.</summary>
public sealed class VaultStoreException : Exception
{
    public VaultStoreException()
    {
    }

    public VaultStoreException(string message)
        : base(message)
    {
    }

    public VaultStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
