namespace ShLogin.Files;

/// <summary>
/// A path ShLogin would create files in, or read a secret from, could be controlled by another
/// user (another owner, writable by others, a symbolic link someone else planted), or does not
/// exist. <see cref="Exception.Message"/> is one line saying which component and why.
/// </summary>
public sealed class UntrustedPathException : IOException
{
    /// <summary>A path that is refused.</summary>
    /// <param name="path">The path that was asked for.</param>
    /// <param name="reason">Why, naming the component and the owner found, e.g. <c>/tmp/x is owned by nobody (uid 65534)</c>.</param>
    /// <param name="fix">What the user can do about it, or null.</param>
    public UntrustedPathException(string path, string reason, string? fix = null)
        : base(reason)
    {
        Path = path;
        Reason = reason;
        Fix = fix;
    }

    public UntrustedPathException()
        : this(string.Empty, "untrusted path")
    {
    }

    public UntrustedPathException(string message)
        : this(string.Empty, message)
    {
    }

    public UntrustedPathException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        Reason = message;
    }

    /// <summary>The path that was asked for.</summary>
    public string Path { get; }

    /// <summary>Why it is refused.</summary>
    public string Reason { get; }

    /// <summary>How to fix it (e.g. <c>chmod 600 FILE</c>), or null.</summary>
    public string? Fix { get; }
}
