namespace ShLogin.Demo;

/// <summary>
/// A listen address of the demo app cannot be used (not a unix socket or loopback address, a
/// socket path that is too long or taken). The message is one line saying what and why.
/// </summary>
public sealed class DemoListenException : Exception
{
    public DemoListenException()
    {
    }

    public DemoListenException(string message)
        : base(message)
    {
    }

    public DemoListenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
