using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace ShLogin.Configuration;

/// <summary>
/// Pure parsers for the values of individual settings. Each returns the parsed value or throws a
/// <see cref="ConfigurationException"/> naming <c>setting</c>.
/// </summary>
internal static partial class SettingParsers
{
    public const string PortAccepted = "a port number 1-65535";
    public const string AppPortAccepted = "a port number 1-65535, or socket (the app listens on the unix socket named in SH_LOGIN_SOCKET)";
    public const string ModeAccepted = "token, totp or token+totp";
    public const string AppAccepted = "jupyter, jupyterlab, jupyter-server, rstudio, code-server, demo or otp";
    public const string ProxyAccepted = "nginx, builtin or auto (nginx when it is installed, else builtin)";
    public const string BoolAccepted = "auto, on, off, true, false, 1, 0, yes or no";
    public const string BindAccepted = "an IPv4 or IPv6 address, localhost, 0.0.0.0 or ::";
    public const string CookieDomainAccepted = "a host name such as example.org or .example.org";
    public const string TokenAccepted = "16-512 printable ASCII characters without spaces";
    public const string DirectoryPathAccepted = "a directory path without control characters";
    public const string RuntimePathAccepted = "a directory path without control characters or any of \" ' \\ $ ; { } (nginx's configuration cannot hold them)";
    public const string LocalBindAccepted = "an address of this machine: an IPv4 or IPv6 address of one of its interfaces, localhost, 0.0.0.0 or ::";
    public const string FilePathAccepted = "a file path without control characters";

    public static readonly TimeSpan MaxSessionTtl = TimeSpan.FromDays(366);

    public static readonly string SessionTtlAccepted =
        "a duration such as 90s, 30m, 12h, 7d or 1h30m, or plain seconds; more than 0 and at most 366d";

    private const int MinTokenLength = 16;
    private const int MaxTokenLength = 512;

    public static int Port(string setting, string value) =>
        TryParsePort(value, out var port) ? port : throw new ConfigurationException(setting, value, PortAccepted);

    /// <summary>
    /// The app's port: a port number, or <see cref="ShLoginSettings.AppSocketValue"/> (returned as null with
    /// <paramref name="socket"/> true).
    /// </summary>
    public static int? AppPort(string setting, string value, out bool socket)
    {
        socket = string.Equals(value, ShLoginSettings.AppSocketValue, StringComparison.OrdinalIgnoreCase);
        if (socket)
        {
            return null;
        }

        return TryParsePort(value, out var port) ? port : throw new ConfigurationException(setting, value, AppPortAccepted);
    }

    // Plain decimal digits only: no sign, spaces, hex or other scripts' digits.
    private static bool TryParsePort(string value, out int port) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;

    public static AuthMode Mode(string setting, string value) => value.ToLowerInvariant() switch
    {
        "token" => AuthMode.Token,
        "totp" => AuthMode.Totp,
        "token+totp" or "totp+token" => AuthMode.TokenAndTotp,
        _ => throw new ConfigurationException(setting, value, ModeAccepted),
    };

    public static AppPreset App(string setting, string value) => value.ToLowerInvariant() switch
    {
        "jupyter" => AppPreset.Jupyter,
        "jupyterlab" => AppPreset.JupyterLab,
        "jupyter-server" => AppPreset.JupyterServer,
        "rstudio" => AppPreset.RStudio,
        "code-server" => AppPreset.CodeServer,
        "demo" => AppPreset.Demo,
        "otp" => AppPreset.Otp,
        _ => throw new ConfigurationException(setting, value, AppAccepted),
    };

    public static ProxyMode Proxy(string setting, string value) => value.ToLowerInvariant() switch
    {
        "auto" => ProxyMode.Auto,
        "nginx" => ProxyMode.Nginx,
        "builtin" or "built-in" => ProxyMode.Builtin,
        _ => throw new ConfigurationException(setting, value, ProxyAccepted),
    };

    public static SecureCookieMode SecureCookie(string setting, string value) => value.ToLowerInvariant() switch
    {
        "auto" => SecureCookieMode.Auto,
        "on" or "true" or "1" or "yes" => SecureCookieMode.On,
        "off" or "false" or "0" or "no" => SecureCookieMode.Off,
        _ => throw new ConfigurationException(setting, value, BoolAccepted),
    };

    /// <summary>An address for nginx's <c>listen</c>, in canonical form (IPv6 without brackets).</summary>
    public static string Bind(string setting, string value)
    {
        if (string.Equals(value, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "localhost";
        }

        if (StrictIPv4().IsMatch(value) && IPAddress.TryParse(value, out var v4))
        {
            return v4.ToString();
        }

        var unbracketed = value.Length > 2 && value[0] == '[' && value[^1] == ']' ? value[1..^1] : value;
        if (unbracketed.Contains(':', StringComparison.Ordinal)
            && !unbracketed.Contains('%', StringComparison.Ordinal)
            && HexColonDot().IsMatch(unbracketed)
            && IPAddress.TryParse(unbracketed, out var v6)
            && v6.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return v6.ToString();
        }

        throw new ConfigurationException(setting, value, BindAccepted);
    }

    /// <summary>
    /// <see cref="Bind"/>, and the address must be one nginx can listen on here: an address of
    /// another machine would only fail later, when nginx starts.
    /// </summary>
    public static string LocalBind(string setting, string value, ILocalAddresses addresses)
    {
        var bind = Bind(setting, value);
        var address = bind == "localhost" ? IPAddress.Loopback : IPAddress.Parse(bind);
        return addresses.CanListenOn(address)
            ? bind
            : throw new ConfigurationException(setting, value, LocalBindAccepted, "this machine has no such address (binding a socket to it failed)");
    }

    /// <summary>A cookie Domain attribute: a host name, optionally with a leading dot, lower-cased.</summary>
    public static string CookieDomain(string setting, string value)
    {
        var host = value.StartsWith('.') ? value[1..] : value;
        if (host.Length is > 0 and <= 253 && host.Split('.').All(IsHostLabel))
        {
            return value.ToLowerInvariant();
        }

        throw new ConfigurationException(setting, value, CookieDomainAccepted);
    }

    /// <summary>A duration: <c>90s</c>, <c>30m</c>, <c>12h</c>, <c>7d</c>, combinations in that order, or seconds.</summary>
    public static TimeSpan SessionTtl(string setting, string value)
    {
        long seconds;
        if (PlainSeconds().IsMatch(value))
        {
            seconds = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        else if (Duration().Match(value) is { Success: true, Length: > 0 } match)
        {
            seconds = Part(match, "d") * 86_400 + Part(match, "h") * 3_600 + Part(match, "m") * 60 + Part(match, "s");
        }
        else
        {
            throw new ConfigurationException(setting, value, SessionTtlAccepted);
        }

        if (seconds <= 0 || seconds > (long)MaxSessionTtl.TotalSeconds)
        {
            throw new ConfigurationException(setting, value, SessionTtlAccepted);
        }

        return TimeSpan.FromSeconds(seconds);

        static long Part(Match match, string unit) =>
            match.Groups[unit] is { Success: true } group
                ? long.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture)
                : 0;
    }

    /// <summary>The startup token: printable ASCII without spaces, long enough to resist guessing.</summary>
    public static string Token(string setting, string value)
    {
        if (value.Length is >= MinTokenLength and <= MaxTokenLength && value.All(c => c is > ' ' and <= '~'))
        {
            return value;
        }

        throw ConfigurationException.ForSecret(setting, value, TokenAccepted);
    }

    /// <summary>A path, made absolute against the working directory.</summary>
    public static string FullPath(string setting, string value, string workingDirectory, string accepted)
    {
        if (value.Any(char.IsControl))
        {
            throw new ConfigurationException(setting, value, accepted);
        }

        return Path.GetFullPath(value, workingDirectory);
    }

    /// <summary>
    /// A path that becomes (part of) the runtime directory, made absolute: nginx's configuration
    /// names it, so characters nginx reads as syntax are refused here, before anything is created.
    /// </summary>
    public static string RuntimePath(string setting, string value, string workingDirectory)
    {
        if (Nginx.NginxValue.FindProblem(value) is { } problem)
        {
            throw new ConfigurationException(setting, value, RuntimePathAccepted, "it " + problem);
        }

        return Path.GetFullPath(value, workingDirectory);
    }

    private static bool IsHostLabel(string label) =>
        label.Length is >= 1 and <= 63
        && label[0] != '-'
        && label[^1] != '-'
        && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    [GeneratedRegex("^(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}$", RegexOptions.CultureInvariant)]
    private static partial Regex StrictIPv4();

    [GeneratedRegex("^[0-9A-Fa-f:.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HexColonDot();

    [GeneratedRegex("^[0-9]{1,10}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainSeconds();

    [GeneratedRegex(
        "^(?:(?<d>[0-9]{1,10})d)?(?:(?<h>[0-9]{1,10})h)?(?:(?<m>[0-9]{1,10})m)?(?:(?<s>[0-9]{1,10})s)?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Duration();
}
