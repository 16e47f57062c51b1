using System.Runtime.InteropServices;

namespace ShLogin.Stack;

/// <summary>The process's umask, which every child inherits.</summary>
public static partial class FileCreationMask
{
    /// <summary>Only the owner may read what is created: 077.</summary>
    public const uint OwnerOnly = 0x3F;

    /// <summary>Sets the mask and returns the previous one.</summary>
    public static uint Set(uint mask) => Umask(mask);

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}
