using System.Globalization;

namespace ShLogin.Supervisor.Processes;

/// <summary>
/// The fields of one <c>/proc/PID/stat</c> line that tell who a process belongs to: its parent,
/// its process group and whether it is still alive (not a zombie).
/// </summary>
/// <param name="Id">The process id.</param>
/// <param name="State">The state letter (<c>R</c>, <c>S</c>, <c>Z</c> for a zombie, <c>X</c> for dead, …).</param>
/// <param name="ParentId">The parent's process id.</param>
/// <param name="ProcessGroupId">The process group id.</param>
public sealed record ProcessStatus(int Id, char State, int ParentId, int ProcessGroupId)
{
    /// <summary>True unless the process has exited and only waits to be reaped (or is being torn down).</summary>
    public bool IsAlive => State is not ('Z' or 'X' or 'x');

    /// <summary>
    /// Parses <c>pid (comm) state ppid pgrp …</c>. The command name is chosen by the process itself
    /// and may hold spaces and parentheses (<c>a) Z 1 1 (</c>), so the fields are read after the
    /// last <c>)</c>. Null for anything else.
    /// </summary>
    public static ProcessStatus? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var open = line.IndexOf(" (", StringComparison.Ordinal);
        var close = line.LastIndexOf(')');
        if (open <= 0 || close < open || close + 2 > line.Length)
        {
            return null;
        }

        var fields = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 4
            || fields[0].Length != 1
            || !TryParseId(line.AsSpan(0, open), out var id)
            || !TryParseId(fields[1], out var parent)
            || !TryParseId(fields[2], out var group))
        {
            return null;
        }

        return new ProcessStatus(id, fields[0][0], parent, group);
    }

    /// <summary>The process now, or null when it is gone or its status cannot be read.</summary>
    public static ProcessStatus? Read(int processId)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Every process visible in <c>/proc</c> now (those that vanish while it is read are left out).</summary>
    public static IReadOnlyList<ProcessStatus> ReadAll()
    {
        var all = new List<ProcessStatus>();
        IEnumerable<string> directories;
        try
        {
            directories = Directory.EnumerateDirectories("/proc");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return all;
        }

        foreach (var directory in directories)
        {
            if (TryParseId(Path.GetFileName(directory.AsSpan()), out var id) && Read(id) is { } status)
            {
                all.Add(status);
            }
        }

        return all;
    }

    private static bool TryParseId(ReadOnlySpan<char> text, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id >= 0;
}
