namespace ShLogin.Cli;

/// <summary>
/// The user asked for something that cannot be done as asked (a file that already exists, a
/// missing secret). The message is one line, shown as <c>sh-login: message</c>, exit code 2.
/// </summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
