using ShLogin.Stack;

namespace ShLogin.AppHost;

/// <summary>The AppHost cannot run as asked: one line for the user, exit code 2, nothing started.</summary>
internal sealed class AppHostUsageException : Exception
{
    public AppHostUsageException(string message)
        : base(message)
    {
    }

    public AppHostUsageException()
    {
    }

    public AppHostUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
