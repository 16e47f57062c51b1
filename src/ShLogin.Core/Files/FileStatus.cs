namespace ShLogin.Files;

/// <summary>Owner, type and permission bits of one file, as the kernel reports them.</summary>
/// <param name="Kind">The file type.</param>
/// <param name="OwnerId">The owning user id.</param>
/// <param name="Mode">The permission bits, including set-id and sticky bits.</param>
public readonly record struct FileStatus(FileKind Kind, uint OwnerId, UnixFileMode Mode)
{
    private const UnixFileMode WriteByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
    private const UnixFileMode AnyAccessByOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Group or others may write (create, rename, delete entries, for a directory).</summary>
    public bool IsWritableByOthers => (Mode & WriteByOthers) != 0;

    /// <summary>Group or others have any permission at all.</summary>
    public bool IsAccessibleByOthers => (Mode & AnyAccessByOthers) != 0;

    /// <summary>The sticky bit: in such a directory only an entry's owner may rename or delete it (as in <c>/tmp</c>).</summary>
    public bool IsSticky => (Mode & UnixFileMode.StickyBit) != 0;

    /// <summary>The permission bits in octal, e.g. <c>0755</c> or <c>1777</c>.</summary>
    public string OctalMode => Convert.ToString((int)Mode & 0xFFF, 8).PadLeft(4, '0');
}
