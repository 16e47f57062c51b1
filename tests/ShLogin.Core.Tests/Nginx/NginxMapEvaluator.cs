using System.Text;
using System.Text.RegularExpressions;

namespace ShLogin.Core.Tests.Nginx;

/// <summary>
/// Computes the variables that a rendered config's <c>map</c> blocks define, the way nginx does:
/// the source (variables interpolated) is matched against exact keys first, then the regexes in
/// order (<c>~</c> case-sensitive, <c>~*</c> not), else <c>default</c>; the value may use the
/// regex's captures (<c>$1</c>) and other variables; a regex's named captures become variables
/// once it matched. The regexes used here (lazy quantifiers,
/// backreferences, <c>\s</c>) mean the same in PCRE and .NET; the integration tests run them in nginx.
/// </summary>
internal sealed partial class NginxMapEvaluator
{
    private readonly Dictionary<string, NginxDirective> maps;
    private readonly IReadOnlyDictionary<string, string> request;
    private readonly Dictionary<string, string> namedCaptures = new(StringComparer.Ordinal);

    public NginxMapEvaluator(NginxDirective config, IReadOnlyDictionary<string, string> request)
    {
        maps = config.Descendants()
            .Where(directive => directive.Name == "map" && directive.Arguments.Count == 2)
            .ToDictionary(directive => directive.Arguments[1].TrimStart('$'), StringComparer.Ordinal);
        this.request = request;
    }

    /// <summary>The value of <paramref name="variable"/> (with or without '$'); request variables such as <c>http_cookie</c> are empty unless given.</summary>
    public string Get(string variable)
    {
        var name = variable.TrimStart('$');
        if (!maps.TryGetValue(name, out var map))
        {
            return namedCaptures.TryGetValue(name, out var captured) ? captured
                : request.TryGetValue(name, out var value) ? value : string.Empty;
        }

        var source = Interpolate(map.Arguments[0], captures: null);
        var entries = map.Block ?? [];
        foreach (var entry in entries.Where(entry => entry.Name is not ("default" or "hostnames" or "volatile") && !entry.Name.StartsWith('~')))
        {
            if (entry.Name == source)
            {
                return Interpolate(entry.Arguments[0], captures: null);
            }
        }

        foreach (var entry in entries.Where(entry => entry.Name.StartsWith('~')))
        {
            var caseless = entry.Name.StartsWith("~*", StringComparison.Ordinal);
            var pattern = entry.Name[(caseless ? 2 : 1)..];
            var match = Regex.Match(source, pattern, caseless ? RegexOptions.IgnoreCase | RegexOptions.CultureInvariant : RegexOptions.CultureInvariant);
            if (match.Success)
            {
                foreach (var group in match.Groups.Values.Where(group => !char.IsAsciiDigit(group.Name[0])))
                {
                    namedCaptures[group.Name] = group.Value;
                }

                return Interpolate(entry.Arguments[0], match);
            }
        }

        var fallback = entries.SingleOrDefault(entry => entry.Name == "default");
        return fallback is null ? string.Empty : Interpolate(fallback.Arguments[0], captures: null);
    }

    private string Interpolate(string text, Match? captures)
    {
        var result = new StringBuilder();
        var position = 0;
        foreach (Match reference in VariableReference().Matches(text))
        {
            result.Append(text, position, reference.Index - position);
            var name = reference.Groups["name"].Value;
            result.Append(char.IsAsciiDigit(name[0])
                ? captures?.Groups[int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)].Value ?? string.Empty
                : Get(name));
            position = reference.Index + reference.Length;
        }

        return result.Append(text, position, text.Length - position).ToString();
    }

    [GeneratedRegex(@"\$(?<name>[0-9]|[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex VariableReference();
}
