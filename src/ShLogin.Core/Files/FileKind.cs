namespace ShLogin.Files;

/// <summary>What a directory entry is, as <c>lstat</c>/<c>fstat</c> report it.</summary>
public enum FileKind
{
    /// <summary>Anything not listed below.</summary>
    Other,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link (only seen without following it).</summary>
    SymbolicLink,

    /// <summary>A named or anonymous pipe, e.g. <c>/dev/fd/63</c> of a process substitution.</summary>
    Fifo,

    /// <summary>A unix socket.</summary>
    Socket,

    /// <summary>A character device such as <c>/dev/null</c>.</summary>
    CharacterDevice,

    /// <summary>A block device.</summary>
    BlockDevice,
}
