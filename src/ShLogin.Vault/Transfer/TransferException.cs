namespace ShLogin.Vault.Transfer;

/// <summary>An otpauth URI, a migration payload or a QR image is not what it should be; one line for the user.</summary>
public sealed class TransferException : Exception
{
    public TransferException()
    {
    }

    public TransferException(string message)
        : base(message)
    {
    }

    public TransferException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
