using ShLogin.Stack;

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

    /// <summary>A workload that ended the application before it became ready, with its exit code.</summary>
    public StartupFailedException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>The exit code of the resource whose exit ended the application, if that is what happened.</summary>
    public int? ExitCode { get; }

    /// <summary>An exception with no message.</summary>
    public StartupFailedException()
    {
    }
}
