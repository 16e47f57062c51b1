using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ShLogin.Configuration;

namespace ShLogin.Cli.Commands;

/// <summary>
/// Options whose bad values are reported like bad settings:
/// <c>--digits='9' is not valid: expected 6, 7 or 8</c>.
/// </summary>
internal static class CliOptions
{
    /// <summary>A whole number in [min, max].</summary>
    public static Option<int> IntegerInRange(
        string name, string description, string helpName, int defaultValue, int min, int max, string accepted) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => Parse(result, name, accepted, text =>
                int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                    ? value
                    : (int?)null) ?? defaultValue,
        };

    /// <summary>Text that must not be empty or blank.</summary>
    public static Option<string> NonEmptyText(string name, string description, Func<string> defaultValue) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue(),
            CustomParser = result => Parse(result, name, "a non-empty text", text =>
                string.IsNullOrWhiteSpace(text) ? null : text) ?? string.Empty,
        };

    /// <summary>Runs <paramref name="parse"/> on the option's single value; null from it reports an error.</summary>
    public static T? Parse<T>(ArgumentResult result, string name, string accepted, Func<string, T?> parse)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(parse);
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        var value = parse(text);
        if (value is null)
        {
            result.AddError(Invalid(name, text, accepted));
        }

        return value;
    }

    /// <summary>The one-line message for a bad option value.</summary>
    public static string Invalid(string name, string value, string accepted) =>
        new ConfigurationException(name, value, accepted).Message;
}
