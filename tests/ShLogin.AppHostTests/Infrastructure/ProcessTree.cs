using System.Globalization;

namespace ShLogin.AppHostTests.Infrastructure;

/// <summary>Processes as /proc shows them: who descends from whom, and whether one is still the same living process.</summary>
public static class ProcessTree
{
    /// <summary>One process, identified by its pid and its start time (pids are reused).</summary>
    /// <param name="Id">The pid.</param>
    /// <param name="StartTicks">Its start time in clock ticks since boot.</param>
    /// <param name="Name">Its command name, for messages.</param>
    public sealed record Entry(int Id, long StartTicks, string Name);

    /// <summary>Every living process descending from <paramref name="rootId"/> (not the root itself).</summary>
    public static IReadOnlyList<Entry> Descendants(int rootId)
    {
        var all = Snapshot();
        var children = all.Values.ToLookup(p => p.ParentId);
        var found = new List<Entry>();
        var queue = new Queue<int>([rootId]);
        while (queue.Count > 0)
        {
            foreach (var child in children[queue.Dequeue()])
            {
                found.Add(child.Entry);
                queue.Enqueue(child.Entry.Id);
            }
        }

        return found;
    }

    /// <summary>True while that same process (same pid and start time) exists and is not a zombie.</summary>
    public static bool IsAlive(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Read(entry.Id) is { } now && now.Entry.StartTicks == entry.StartTicks && now.State != 'Z';
    }

    private static Dictionary<int, Stat> Snapshot()
    {
        var result = new Dictionary<int, Stat>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && Read(id) is { State: not 'Z' } stat)
            {
                result[id] = stat;
            }
        }

        return result;
    }

    private static Stat? Read(int id)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{id}/stat");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ... starttime(22nd field)": comm may hold spaces and parentheses.
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return null;
        }

        var fields = text[(close + 2)..].Split(' ');
        return new Stat(
            new Entry(id, long.Parse(fields[19], CultureInfo.InvariantCulture), text[(open + 1)..close]),
            fields[0][0],
            int.Parse(fields[1], CultureInfo.InvariantCulture));
    }

    private sealed record Stat(Entry Entry, char State, int ParentId);
}
