using System.Globalization;
using ShLogin.Supervisor.Processes;

namespace ShLogin.Supervisor.Networking;

/// <summary>The sockets a set of processes holds open, as <c>/proc/PID/fd</c> names them (<c>socket:[INODE]</c>).</summary>
public static class ProcessSockets
{
    private const string SocketPrefix = "socket:[";

    /// <summary>
    /// <paramref name="processId"/>, its descendants (through parent ids) and the live members of
    /// its process group (which a daemonising helper stays in even after its parent exits).
    /// </summary>
    public static IReadOnlySet<int> TreeOf(int processId)
    {
        var all = ProcessStatus.ReadAll();
        var tree = new HashSet<int> { processId };
        foreach (var member in all.Where(process => process.ProcessGroupId == processId && process.IsAlive))
        {
            tree.Add(member.Id);
        }

        var byParent = all.ToLookup(process => process.ParentId);
        var pending = new Queue<int>(tree);
        while (pending.TryDequeue(out var parent))
        {
            foreach (var child in byParent[parent])
            {
                if (tree.Add(child.Id))
                {
                    pending.Enqueue(child.Id);
                }
            }
        }

        return tree;
    }

    /// <summary>The socket inodes the processes hold; processes that are gone or unreadable add none.</summary>
    public static IReadOnlySet<long> InodesOf(IEnumerable<int> processIds)
    {
        ArgumentNullException.ThrowIfNull(processIds);
        var inodes = new HashSet<long>();
        foreach (var id in processIds)
        {
            try
            {
                foreach (var descriptor in Directory.EnumerateFileSystemEntries($"/proc/{id.ToString(CultureInfo.InvariantCulture)}/fd"))
                {
                    if (ParseSocketLink(new FileInfo(descriptor).LinkTarget) is { } inode)
                    {
                        inodes.Add(inode);
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read: it holds nothing of the app's.
            }
        }

        return inodes;
    }

    /// <summary>The inode of a descriptor link <c>socket:[INODE]</c>; null for anything else.</summary>
    public static long? ParseSocketLink(string? target) =>
        target is not null
        && target.StartsWith(SocketPrefix, StringComparison.Ordinal)
        && target.EndsWith(']')
        && long.TryParse(target.AsSpan(SocketPrefix.Length, target.Length - SocketPrefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
            ? inode
            : null;
}
