using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace ShLogin.Nginx;

/// <summary>Validation shared by upstream and listen addresses: IP literals and DNS names only.</summary>
internal static partial class HostName
{
    /// <summary>
    /// Returns null when <paramref name="host"/> is a dotted IPv4 address, an IPv6 address (without
    /// brackets) or a DNS name; otherwise why it is not.
    /// </summary>
    public static string? FindProblem(string host)
    {
        if (host.Length == 0)
        {
            return "the host is empty";
        }

        if (host.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(host, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 && !host.Contains('%', StringComparison.Ordinal)
                ? null
                : "the host is not a valid IPv6 address";
        }

        if (NumericHost().IsMatch(host))
        {
            return DottedQuad().IsMatch(host) && IPAddress.TryParse(host, out _)
                ? null
                : "the host is not a valid IPv4 address (expected four numbers 0-255, e.g. 127.0.0.1)";
        }

        return host.Length <= 253 && DnsName().IsMatch(host)
            ? null
            : "the host is not a valid DNS name (letters, digits, '-' and '.')";
    }

    /// <summary>Parses a TCP port: a decimal number from 1 to 65535.</summary>
    public static bool TryParsePort(string text, out int port)
    {
        port = 0;
        return text.Length is > 0 and <= 5
            && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && port is >= 1 and <= 65535;
    }

    /// <summary>Writes a host the way nginx expects it in an address: IPv6 in brackets.</summary>
    public static string Format(string host) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;

    [GeneratedRegex(@"^[0-9.]+\z")]
    private static partial Regex NumericHost();

    [GeneratedRegex(@"^[0-9]{1,3}(\.[0-9]{1,3}){3}\z")]
    private static partial Regex DottedQuad();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?\z")]
    private static partial Regex DnsName();
}
