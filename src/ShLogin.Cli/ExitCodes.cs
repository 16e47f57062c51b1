namespace ShLogin.Cli;

/// <summary>Exit codes of <c>sh-login</c>.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something unexpected went wrong.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or configuration: a flag, an argument, a variable or a file given by the user.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by the caller (SIGINT), as shells report it.</summary>
    public const int Interrupted = 130;
}
