using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ShLogin.LoginService.Tests.TestSupport;

/// <summary>
/// A strict parser of the Prometheus text exposition format (0.0.4): throws
/// <see cref="FormatException"/> on anything a real scraper could misread. Stricter than
/// Prometheus in a few places (no blank lines, no other comments, no timestamps, every family
/// typed before its samples, histograms complete and cumulative), as our renderer never needs them.
/// </summary>
internal static partial class PrometheusText
{
    public static IReadOnlyDictionary<string, Family> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("the text does not end with a line feed");
        }

        var families = new Dictionary<string, Family>(StringComparer.Ordinal);
        var helps = new Dictionary<string, string>(StringComparer.Ordinal);
        Family? current = null;
        var lines = text.Length == 0 ? [] : text[..^1].Split('\n');
        for (var number = 1; number <= lines.Length; number++)
        {
            var line = lines[number - 1];
            try
            {
                if (line.StartsWith("# HELP ", StringComparison.Ordinal))
                {
                    var (name, rest) = SplitName(line["# HELP ".Length..]);
                    if (!helps.TryAdd(name, UnescapeHelp(rest)) || families.ContainsKey(name))
                    {
                        throw new FormatException($"HELP for {name} repeated or after its TYPE");
                    }
                }
                else if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
                {
                    var (name, type) = SplitName(line["# TYPE ".Length..]);
                    if (type is not ("counter" or "gauge" or "histogram" or "summary" or "untyped"))
                    {
                        throw new FormatException($"unknown type '{type}'");
                    }

                    if (families.ContainsKey(name))
                    {
                        throw new FormatException($"TYPE for {name} repeated");
                    }

                    current?.Check();
                    current = new Family(name, type, helps.GetValueOrDefault(name));
                    families.Add(name, current);
                }
                else if (line.StartsWith('#') || line.Length == 0)
                {
                    throw new FormatException("a blank line or an unknown comment");
                }
                else
                {
                    var sample = ParseSample(line);
                    if (current is null || !current.Owns(sample.Name))
                    {
                        throw new FormatException($"sample {sample.Name} is not of the family typed just before it");
                    }

                    current.Add(sample);
                }
            }
            catch (FormatException problem)
            {
                throw new FormatException($"line {number} ('{line}'): {problem.Message}", problem);
            }
        }

        current?.Check();
        return families;
    }

    private static (string Name, string Remainder) SplitName(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var name = space < 0 ? text : text[..space];
        if (!MetricName().IsMatch(name))
        {
            throw new FormatException($"bad metric name '{name}'");
        }

        return (name, space < 0 ? "" : text[(space + 1)..]);
    }

    private static Sample ParseSample(string line)
    {
        var position = 0;
        while (position < line.Length && line[position] is not ('{' or ' '))
        {
            position++;
        }

        var name = line[..position];
        if (!MetricName().IsMatch(name))
        {
            throw new FormatException($"bad metric name '{name}'");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (true)
            {
                var equals = line.IndexOf('=', position);
                if (equals < 0)
                {
                    throw new FormatException("a label without '='");
                }

                var labelName = line[position..equals];
                if (!LabelName().IsMatch(labelName) || labelName.StartsWith("__", StringComparison.Ordinal))
                {
                    throw new FormatException($"bad label name '{labelName}'");
                }

                position = equals + 1;
                if (position >= line.Length || line[position] != '"')
                {
                    throw new FormatException("a label value without quotes");
                }

                position++;
                var value = new StringBuilder();
                while (true)
                {
                    if (position >= line.Length)
                    {
                        throw new FormatException("an unterminated label value");
                    }

                    var c = line[position++];
                    if (c == '"')
                    {
                        break;
                    }

                    if (c == '\\')
                    {
                        if (position >= line.Length)
                        {
                            throw new FormatException("a dangling backslash");
                        }

                        value.Append(line[position++] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            var other => throw new FormatException($"unknown escape '\\{other}'"),
                        });
                    }
                    else
                    {
                        value.Append(c);
                    }
                }

                if (!labels.TryAdd(labelName, value.ToString()))
                {
                    throw new FormatException($"label {labelName} repeated");
                }

                if (position < line.Length && line[position] == ',')
                {
                    position++;
                    continue;
                }

                if (position < line.Length && line[position] == '}')
                {
                    position++;
                    break;
                }

                throw new FormatException("labels not separated by ',' or closed by '}'");
            }
        }

        if (position >= line.Length || line[position] != ' ')
        {
            throw new FormatException("no space before the value");
        }

        return new Sample(name, labels, ParseValue(line[(position + 1)..]));
    }

    public static double ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when FloatValue().IsMatch(text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => throw new FormatException($"bad value '{text}'"),
    };

    private static string UnescapeHelp(string text)
    {
        var value = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                value.Append(text[i]);
                continue;
            }

            if (++i >= text.Length)
            {
                throw new FormatException("a dangling backslash in HELP");
            }

            value.Append(text[i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                var other => throw new FormatException($"unknown escape '\\{other}' in HELP"),
            });
        }

        return value.ToString();
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatValue();

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
    {
        public string? Label(string name) => Labels.GetValueOrDefault(name);
    }

    public sealed class Family(string name, string type, string? help)
    {
        private readonly List<Sample> _samples = [];

        public string Name { get; } = name;

        public string Type { get; } = type;

        public string? Help { get; } = help;

        public IReadOnlyList<Sample> Samples => _samples;

        /// <summary>The value of the sample named <paramref name="sampleName"/> (the family's own name when null) with exactly these labels.</summary>
        public double Value(string? sampleName = null, params (string Name, string Value)[] labels)
        {
            var wanted = sampleName ?? Name;
            var match = _samples.Where(s => s.Name == wanted && s.Labels.Count == labels.Length && labels.All(l => s.Label(l.Name) == l.Value)).ToList();
            return match.Count == 1 ? match[0].Value : throw new InvalidOperationException($"{match.Count} samples {wanted} with those labels");
        }

        internal bool Owns(string sampleName) => Type switch
        {
            "histogram" => sampleName == Name + "_bucket" || sampleName == Name + "_sum" || sampleName == Name + "_count",
            "summary" => sampleName == Name || sampleName == Name + "_sum" || sampleName == Name + "_count",
            _ => sampleName == Name,
        };

        internal void Add(Sample sample)
        {
            if (_samples.Exists(s => s.Name == sample.Name && SameLabels(s.Labels, sample.Labels)))
            {
                throw new FormatException($"sample {sample.Name} repeated with the same labels");
            }

            if (Type == "counter" && (sample.Value < 0 || double.IsNaN(sample.Value)))
            {
                throw new FormatException("a counter below zero");
            }

            if (sample.Name == Name + "_bucket" && sample.Label("le") is null)
            {
                throw new FormatException("a bucket without le");
            }

            _samples.Add(sample);
        }

        internal void Check()
        {
            if (Type == "counter" && !Name.EndsWith("_total", StringComparison.Ordinal))
            {
                throw new FormatException($"counter {Name} does not end in _total");
            }

            if (Type != "histogram")
            {
                return;
            }

            var series = _samples.GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")));
            foreach (var one in series)
            {
                var buckets = one.Where(s => s.Name == Name + "_bucket").Select(s => (Le: ParseValue(s.Label("le")!), s.Value)).ToList();
                var count = one.Where(s => s.Name == Name + "_count").ToList();
                if (count.Count != 1 || one.Count(s => s.Name == Name + "_sum") != 1)
                {
                    throw new FormatException($"histogram {Name}{{{one.Key}}} without exactly one _sum and _count");
                }

                if (buckets.Count == 0 || !double.IsPositiveInfinity(buckets[^1].Le) || buckets[^1].Value != count[0].Value)
                {
                    throw new FormatException($"histogram {Name}{{{one.Key}}}: the last bucket is not le=\"+Inf\" holding _count");
                }

                for (var i = 1; i < buckets.Count; i++)
                {
                    if (buckets[i].Le <= buckets[i - 1].Le || buckets[i].Value < buckets[i - 1].Value)
                    {
                        throw new FormatException($"histogram {Name}{{{one.Key}}}: buckets not ascending and cumulative");
                    }
                }
            }
        }

        private static bool SameLabels(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
            a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && value == pair.Value);
    }
}
