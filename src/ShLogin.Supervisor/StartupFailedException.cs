namespace ShLogin.Supervisor;

/// <summary>A program could not be started or never became healthy; everything started was stopped.</summary>
public sealed class StartupFailedException : Exception
{
    /// <summary>An exception with a one-line message naming the program.</summary>
    public StartupFailedException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with a one-line message and its cause.</summary>
    public StartupFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A workload that ended the run before it became ready, with its exit code.</summary>
    public StartupFailedException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>The exit code of the program whose exit ended the run, if that is what happened.</summary>
    public int? ExitCode { get; }

    /// <summary>An exception with no message.</summary>
    public StartupFailedException()
    {
    }
}
