using System.Globalization;
using System.Text;

namespace ShLogin.Testing.Processes;

/// <summary>Reads the machine's processes from <c>/proc</c>: who descends from whom, and what each was given.</summary>
public static class ProcessTable
{
    /// <summary>Every process visible now (processes that vanish while reading are left out).</summary>
    public static IReadOnlyList<ProcessInfo> All()
    {
        var processes = new List<ProcessInfo>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && Read(id) is { } process)
            {
                processes.Add(process);
            }
        }

        return processes;
    }

    /// <summary>The process now, or null when it is gone.</summary>
    public static ProcessInfo? Read(int id)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{id}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split at the last ')'.
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return null;
        }

        var name = stat[(open + 1)..close];
        var fields = stat[(close + 2)..].Split(' ');
        return new ProcessInfo(
            id,
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            name,
            fields[0][0],
            ulong.Parse(fields[19], CultureInfo.InvariantCulture));
    }

    /// <summary>All processes below <paramref name="rootId"/> (children, their children, …), not the root itself.</summary>
    public static IReadOnlyList<ProcessInfo> Descendants(int rootId)
    {
        var byParent = All().ToLookup(process => process.ParentId);
        var found = new List<ProcessInfo>();
        var pending = new Queue<int>([rootId]);
        while (pending.TryDequeue(out var parent))
        {
            foreach (var child in byParent[parent])
            {
                found.Add(child);
                pending.Enqueue(child.Id);
            }
        }

        return found;
    }

    /// <summary>True while this very process (same id and start time) exists and is not a zombie.</summary>
    public static bool IsRunning(ProcessInfo process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return Read(process.Id) is { } now && now.StartTime == process.StartTime && now.State != 'Z';
    }

    /// <summary>The arguments of the process joined by spaces; empty for kernel threads and vanished processes.</summary>
    public static string CommandLine(int id) => ReadNulSeparated($"/proc/{id}/cmdline");

    /// <summary>The environment the process started with (<c>NAME=value</c> joined by newlines); empty when unreadable.</summary>
    public static string InitialEnvironment(int id) => ReadNulSeparated($"/proc/{id}/environ", '\n');

    /// <summary>Processes whose command line or initial environment contains <paramref name="text"/>, this test process excepted.</summary>
    public static IReadOnlyList<ProcessInfo> Mentioning(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return All()
            .Where(process => process.Id != Environment.ProcessId && process.State != 'Z')
            .Where(process => CommandLine(process.Id).Contains(text, StringComparison.Ordinal)
                || InitialEnvironment(process.Id).Contains(text, StringComparison.Ordinal))
            .ToList();
    }

    private static string ReadNulSeparated(string path, char separator = ' ')
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            return Encoding.UTF8.GetString(bytes).TrimEnd('\0').Replace('\0', separator);
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
