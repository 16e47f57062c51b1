namespace ShLogin.Hosting;

/// <summary>A resource could not be started or never became healthy; everything started was stopped.</summary>
public sealed class StartupFailedException : Exception
{
    /// <summary>An exception with a one-line message naming the resource.</summary>
    public StartupFailedException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with a one-line message and its cause.</summary>
    public StartupFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An exception with no message.</summary>
    public StartupFailedException()
    {
    }
}
