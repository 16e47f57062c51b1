using System.Globalization;
using System.Text;

namespace ShLogin.Configuration;

/// <summary>
/// A setting (variable, flag or file) holds a value ShLogin cannot use. The message is one line
/// naming the setting, the value and what is accepted, e.g.
/// <c>SH_LOGIN_NGINX='abc' is not valid: expected a port number 1-65535</c>; secret values are
/// never echoed, only their length.
/// </summary>
public sealed class ConfigurationException : Exception
{
    private const int MaxShownValueLength = 80;

    /// <summary>A bad value that may be shown.</summary>
    /// <param name="setting">The variable, flag or file, e.g. <c>SH_LOGIN_NGINX</c> or <c>--nginx</c>.</param>
    /// <param name="value">The value as given.</param>
    /// <param name="accepted">What is accepted, completing "expected …", e.g. <c>a port number 1-65535</c>.</param>
    /// <param name="reason">Why the value was refused when <paramref name="accepted"/> alone does not say it.</param>
    public ConfigurationException(string setting, string? value, string accepted, string? reason = null)
        : this(setting, value, accepted, reason, isSecret: false)
    {
    }

    private ConfigurationException(string setting, string? value, string accepted, string? reason, bool isSecret)
        : base(FormatMessage(setting, isSecret ? Hidden(value) : Quoted(value), accepted, reason))
    {
        Setting = setting;
        Value = isSecret ? Hidden(value) : value;
        Accepted = accepted;
        Reason = reason;
        IsSecret = isSecret;
    }

    /// <summary>The variable, flag or file that was wrong.</summary>
    public string Setting { get; }

    /// <summary>The value as given; for a secret only a placeholder such as <c>&lt;hidden, 12 chars&gt;</c>.</summary>
    public string? Value { get; }

    /// <summary>What the setting accepts.</summary>
    public string Accepted { get; }

    /// <summary>Why the value was refused, when more specific than <see cref="Accepted"/>.</summary>
    public string? Reason { get; }

    /// <summary>The value is a secret and <see cref="Value"/> is only its placeholder.</summary>
    public bool IsSecret { get; }

    /// <summary>A bad secret value: the message shows only its length.</summary>
    public static ConfigurationException ForSecret(string setting, string? value, string accepted, string? reason = null) =>
        new(setting, value, accepted, reason, isSecret: true);

    /// <summary>The placeholder shown instead of a secret value.</summary>
    public static string Hidden(string? value) =>
        string.Create(CultureInfo.InvariantCulture, $"<hidden, {value?.Length ?? 0} chars>");

    private static string FormatMessage(string setting, string shownValue, string accepted, string? reason)
    {
        var because = string.IsNullOrEmpty(reason) ? string.Empty : reason + "; ";
        return OneLine($"{setting}={shownValue} is not valid: {because}expected {accepted}");
    }

    private static string Quoted(string? value)
    {
        if (value is null)
        {
            return "(unset)";
        }

        var shown = new StringBuilder("'");
        foreach (var c in value.Length > MaxShownValueLength ? value[..MaxShownValueLength] : value)
        {
            shown.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => c.ToString(),
            });
        }

        shown.Append(value.Length > MaxShownValueLength ? "'…" : "'");
        return shown.ToString();
    }

    private static string OneLine(string text) =>
        text.ReplaceLineEndings(" ");
}
