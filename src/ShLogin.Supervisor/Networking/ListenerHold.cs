using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ShLogin.Supervisor.Networking;

/// <summary>
/// A copy, in this process, of a listening socket the app holds (<c>pidfd_getfd(2)</c>, Linux 5.6+).
/// A socket lives while any process holds it, so when the app dies its port stays bound and
/// listening, to nobody's benefit but safely: no one else can bind it until ShLogin has stopped
/// nginx forwarding there and lets the copy go. Without it the port is free the moment the app
/// dies, a little before ShLogin learns of the death.
/// </summary>
public sealed partial class ListenerHold : IDisposable
{
    private const long SysPidfdOpen = 434;
    private const long SysPidfdGetfd = 438;
    private readonly List<SafeFileHandle> _sockets;

    private ListenerHold(List<SafeFileHandle> sockets) => _sockets = sockets;

    /// <summary>How many sockets are held.</summary>
    public int Count => _sockets.Count;

    /// <summary>
    /// Copies every descriptor of <paramref name="processIds"/> that is one of the sockets
    /// <paramref name="inodes"/> names (one copy per socket). Sockets that cannot be copied (an
    /// older kernel, no ptrace permission, a process gone meanwhile) are left out.
    /// </summary>
    public static ListenerHold Take(IEnumerable<int> processIds, IReadOnlySet<long> inodes)
    {
        ArgumentNullException.ThrowIfNull(processIds);
        ArgumentNullException.ThrowIfNull(inodes);
        var held = new List<SafeFileHandle>();
        var missing = new HashSet<long>(inodes);
        foreach (var processId in processIds)
        {
            if (missing.Count == 0)
            {
                break;
            }

            foreach (var (descriptor, inode) in SocketDescriptors(processId))
            {
                if (missing.Contains(inode) && Copy(processId, descriptor) is { } copy)
                {
                    held.Add(copy);
                    missing.Remove(inode);
                }
            }
        }

        return new ListenerHold(held);
    }

    /// <summary>Lets the sockets go: the port is free once the app's own copies are closed too.</summary>
    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        _sockets.Clear();
    }

    private static List<(int Descriptor, long Inode)> SocketDescriptors(int processId)
    {
        var found = new List<(int, long)>();
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/fd"))
            {
                if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var descriptor)
                    && ProcessSockets.ParseSocketLink(new FileInfo(entry).LinkTarget) is { } inode)
                {
                    found.Add((descriptor, inode));
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Gone meanwhile, or not ours.
        }

        return found;
    }

    private static SafeFileHandle? Copy(int processId, int descriptor)
    {
        var pidfd = Syscall(SysPidfdOpen, processId, 0, 0);
        if (pidfd < 0)
        {
            return null;
        }

        try
        {
            // The copy is close-on-exec: no child started later inherits it.
            var copy = Syscall(SysPidfdGetfd, pidfd, descriptor, 0);
            return copy < 0 ? null : new SafeFileHandle(checked((IntPtr)copy), ownsHandle: true);
        }
        finally
        {
            _ = Close((int)pidfd);
        }
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long first, long second, long third);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
