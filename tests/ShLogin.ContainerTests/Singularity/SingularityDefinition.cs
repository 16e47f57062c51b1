using System.Text.RegularExpressions;

namespace ShLogin.ContainerTests.Singularity;

/// <summary>
/// An Apptainer/Singularity definition file read the way Apptainer reads it: header lines
/// <c>Key: value</c> up to the first <c>%section</c>, then sections whose body runs to the next one.
/// </summary>
public sealed partial class SingularityDefinition
{
    private SingularityDefinition(IReadOnlyDictionary<string, string> header, IReadOnlyList<KeyValuePair<string, string>> sections)
    {
        Header = header;
        Sections = sections;
    }

    /// <summary>The repository's Singularity.def.</summary>
    public static SingularityDefinition OfRepository { get; } = Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Singularity.def")));

    /// <summary>The header keywords and their values (e.g. Bootstrap, From).</summary>
    public IReadOnlyDictionary<string, string> Header { get; }

    /// <summary>The sections in file order: name without <c>%</c> (plus an app name for app sections) and body.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Sections { get; }

    /// <summary>Reads the text of a definition file.</summary>
    /// <exception cref="FormatException">A header line is not <c>Key: value</c>.</exception>
    public static SingularityDefinition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var header = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var sections = new List<KeyValuePair<string, string>>();
        string? section = null;
        var body = new List<string>();
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var start = SectionStart().Match(line);
            if (start.Success)
            {
                if (section is not null)
                {
                    sections.Add(new(section, string.Join('\n', body)));
                }

                section = start.Groups["name"].Value + (start.Groups["argument"].Success ? " " + start.Groups["argument"].Value.Trim() : string.Empty);
                body.Clear();
            }
            else if (section is not null)
            {
                body.Add(line);
            }
            else if (line.Trim() is { Length: > 0 } headerLine && !headerLine.StartsWith('#'))
            {
                var keyword = HeaderLine().Match(headerLine);
                if (!keyword.Success)
                {
                    throw new FormatException($"Header line '{headerLine}' is not 'Keyword: value'.");
                }

                header[keyword.Groups["key"].Value] = keyword.Groups["value"].Value.Trim();
            }
        }

        if (section is not null)
        {
            sections.Add(new(section, string.Join('\n', body)));
        }

        return new SingularityDefinition(header, sections);
    }

    /// <summary>The body of the one section called <paramref name="name"/>, or null.</summary>
    public string? Section(string name) =>
        Sections.Where(s => s.Key == name).Select(s => s.Value).SingleOrDefault();

    /// <summary>The body's lines without blank lines, comments and indentation.</summary>
    public static IReadOnlyList<string> Commands(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return [.. body.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#'))];
    }

    [GeneratedRegex(@"^%(?<name>[A-Za-z]+)(?<argument>\s+\S.*)?\s*$")]
    private static partial Regex SectionStart();

    [GeneratedRegex(@"^(?<key>[A-Za-z]+)\s*:\s*(?<value>.*)$")]
    private static partial Regex HeaderLine();
}
