namespace ShLogin.Nginx;

/// <summary>Splits <c>HOST:PORT</c>, <c>[IPv6]:PORT</c> or a bare <c>PORT</c> into validated parts.</summary>
internal static class HostAndPort
{
    /// <summary>
    /// Returns null and the parts on success, else why the text is not an address.
    /// A bare port yields a null host: the caller decides what that means.
    /// </summary>
    public static string? TryParse(string text, out string? host, out int port)
    {
        host = null;
        port = 0;
        string hostText;
        string portText;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0)
            {
                return "an IPv6 address in brackets must be followed by :PORT";
            }

            hostText = text[1..close];
            portText = text[(close + 2)..];
            if (!hostText.Contains(':', StringComparison.Ordinal))
            {
                return "only IPv6 addresses go in brackets";
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon < 0)
            {
                if (!HostName.TryParsePort(text, out port))
                {
                    return "it is neither HOST:PORT nor a port from 1 to 65535";
                }

                return null;
            }

            hostText = text[..colon];
            portText = text[(colon + 1)..];
            if (hostText.Contains(':', StringComparison.Ordinal))
            {
                return "an IPv6 address must be written in brackets, as [::1]:PORT";
            }
        }

        var hostProblem = HostName.FindProblem(hostText);
        if (hostProblem is not null)
        {
            return hostProblem;
        }

        if (!HostName.TryParsePort(portText, out port))
        {
            return "the port must be a number from 1 to 65535";
        }

        host = hostText;
        return null;
    }
}
