using System.Runtime.InteropServices;

namespace ShLogin.Files;

/// <summary>
/// The few libc calls .NET has no API for: a file's owner (<c>statx</c>, whose layout is the same on
/// every architecture, unlike <c>struct stat</c>), <c>open</c> with <c>O_NOFOLLOW</c>, an exclusive
/// <c>mkdir</c>, the effective user id and its name.
/// </summary>
internal static unsafe partial class NativeFiles
{
    public const int AtFdCwd = -100;
    public const int AtSymlinkNoFollow = 0x100;
    public const int AtEmptyPath = 0x1000;

    public const int ENOENT = 2;
    public const int EACCES = 13;
    public const int EEXIST = 17;
    public const int ENOTDIR = 20;
    public const int ELOOP = 40;

    private const uint StatxType = 0x1;
    private const uint StatxMode = 0x2;
    private const uint StatxUid = 0x8;

    public const int ORdOnly = 0;
    public const int ONonBlock = 0x800;
    public const int OCloExec = 0x80000;
    public const int FGetFl = 3;
    public const int FSetFl = 4;

    /// <summary>O_NOFOLLOW: its value differs between architectures (arm's is the asm-generic one).</summary>
    public static int ONoFollow => RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64 ? 0x8000 : 0x20000;

    /// <summary>Status of <paramref name="path"/> without following a symbolic link there; the errno on failure.</summary>
    public static int LStat(string path, out FileStatus status) =>
        Statx(AtFdCwd, path, AtSymlinkNoFollow, out status);

    /// <summary>Status of the open file <paramref name="descriptor"/>.</summary>
    public static int FStat(int descriptor, out FileStatus status) =>
        Statx(descriptor, string.Empty, AtEmptyPath, out status);

    private static int Statx(int directory, string path, int flags, out FileStatus status)
    {
        StatxBuffer buffer;
        if (StatxCall(directory, path, flags, StatxType | StatxMode | StatxUid, &buffer) != 0)
        {
            status = default;
            return Marshal.GetLastPInvokeError();
        }

        status = new FileStatus(KindOf(buffer.Mode), buffer.Uid, (UnixFileMode)(buffer.Mode & 0xFFF));
        return 0;
    }

    private static FileKind KindOf(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.SymbolicLink,
        0x1000 => FileKind.Fifo,
        0xC000 => FileKind.Socket,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        _ => FileKind.Other,
    };

    /// <summary>The name of user <paramref name="uid"/> (passwd, LDAP, whatever NSS knows), or null.</summary>
    public static string? UserName(uint uid)
    {
        // struct passwd starts with pw_name on every libc; 64 bytes hold the whole struct.
        var entry = stackalloc byte[64];
        var strings = new byte[16384];
        fixed (byte* text = strings)
        {
            void* result;
            if (GetPwUidR(uid, entry, text, (nuint)strings.Length, &result) != 0 || result == null)
            {
                return null;
            }

            return Marshal.PtrToStringUTF8(*(IntPtr*)entry);
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxCall(int directory, string path, int flags, uint mask, StatxBuffer* buffer);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int descriptor);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int descriptor, int command, int argument);

    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MakeDirectory(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "getpwuid_r")]
    private static partial int GetPwUidR(uint uid, void* entry, byte* buffer, nuint length, void** result);

    // struct statx of <linux/stat.h>: 256 bytes, the same on every architecture.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(0)]
        public uint Mask;

        [FieldOffset(20)]
        public uint Uid;

        [FieldOffset(24)]
        public uint Gid;

        [FieldOffset(28)]
        public ushort Mode;
    }
}
