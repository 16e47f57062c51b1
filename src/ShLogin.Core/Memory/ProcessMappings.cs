using System.Globalization;

namespace ShLogin.Memory;

/// <summary>One mapping of a process's address space, as <c>/proc/PID/smaps</c> lists it.</summary>
/// <param name="Start">First address.</param>
/// <param name="Length">Length in bytes.</param>
/// <param name="Permissions">The four permission characters, e.g. <c>r-xp</c>.</param>
/// <param name="Path">The mapped file, or a pseudo name such as <c>[heap]</c>, or empty.</param>
/// <param name="AnonymousKilobytes">Pages of its own (anonymous or copied on write), in kB; -1 if not listed.</param>
public sealed record ProcessMapping(ulong Start, long Length, string Permissions, string Path, long AnonymousKilobytes);

/// <summary>Reads <c>/proc/PID/smaps</c> and decides which mappings can be released safely.</summary>
public static class ProcessMappings
{
    /// <summary>Every mapping in <paramref name="smaps"/>; lines that do not parse are skipped.</summary>
    public static IReadOnlyList<ProcessMapping> Parse(string smaps)
    {
        ArgumentNullException.ThrowIfNull(smaps);
        var mappings = new List<ProcessMapping>();
        ProcessMapping? current = null;
        foreach (var line in smaps.Split('\n'))
        {
            if (TryParseHeader(line, out var header))
            {
                if (current is not null)
                {
                    mappings.Add(current);
                }

                current = header;
            }
            else if (current is not null && line.StartsWith("Anonymous:", StringComparison.Ordinal))
            {
                current = current with { AnonymousKilobytes = KilobytesOf(line) };
            }
        }

        if (current is not null)
        {
            mappings.Add(current);
        }

        return mappings;
    }

    /// <summary>
    /// The mappings whose pages are only copies of a file and can be dropped from the page tables
    /// without changing what the process reads there: a private mapping of a file (a path), readable,
    /// not writable, with no page of its own (so no relocated or otherwise written page, which
    /// dropping would turn back into the file's bytes).
    /// </summary>
    public static IEnumerable<ProcessMapping> Releasable(string smaps) =>
        Parse(smaps).Where(IsReleasable);

    /// <summary>See <see cref="Releasable"/>.</summary>
    public static bool IsReleasable(ProcessMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return mapping.Permissions.Length == 4
            && mapping.Permissions[0] == 'r'
            && mapping.Permissions[1] == '-'
            && mapping.Permissions[3] == 'p'
            && mapping.Path.StartsWith('/')
            && !mapping.Path.EndsWith(" (deleted)", StringComparison.Ordinal)
            && mapping.AnonymousKilobytes == 0
            && mapping.Length > 0;
    }

    private static bool TryParseHeader(string line, out ProcessMapping mapping)
    {
        mapping = null!;

        // start-end perms offset dev inode [path]
        var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 5)
        {
            return false;
        }

        var range = fields[0].Split('-');
        if (range.Length != 2
            || !ulong.TryParse(range[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start)
            || !ulong.TryParse(range[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var end)
            || end <= start
            || end - start > long.MaxValue
            || fields[1].Length != 4
            || !ulong.TryParse(fields[2], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _)
            || !fields[3].Contains(':', StringComparison.Ordinal)
            || !ulong.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        var path = fields.Length == 6 ? fields[5].Trim() : string.Empty;
        mapping = new ProcessMapping(start, (long)(end - start), fields[1], path, -1);
        return true;
    }

    private static long KilobytesOf(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 2 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : -1;
    }
}
