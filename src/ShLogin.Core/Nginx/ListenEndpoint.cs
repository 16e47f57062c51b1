using System.Diagnostics.CodeAnalysis;

namespace ShLogin.Nginx;

/// <summary>Where nginx accepts browsers: an address and a port, or a port on every address.</summary>
public sealed record ListenEndpoint
{
    private const string Accepted = "use HOST:PORT (e.g. 127.0.0.1:8080 or [::1]:8080) or a port alone for every address";

    /// <summary>Creates an endpoint.</summary>
    /// <param name="address">An IP address or host name; null listens on every IPv4 address.</param>
    /// <param name="port">1 to 65535.</param>
    /// <exception cref="ArgumentException">The address or port is not valid.</exception>
    public ListenEndpoint(string? address, int port)
    {
        if (address is not null && HostName.FindProblem(address) is { } problem)
        {
            throw new ArgumentException($"Listen address {Printable.Of(address)}: {problem}.", nameof(address));
        }

        if (port is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "A listen port must be from 1 to 65535.");
        }

        Address = address;
        Port = port;
    }

    /// <summary>The address (IPv6 without brackets), or null for every address.</summary>
    public string? Address { get; }

    /// <summary>The TCP port.</summary>
    public int Port { get; }

    /// <summary>Parses user text; see <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">The text is not a listen endpoint; the message says why and what is accepted.</exception>
    public static ListenEndpoint Parse(string text)
    {
        return TryParse(text, out var endpoint, out var error) ? endpoint : throw new FormatException(error);
    }

    /// <summary>Parses <c>HOST:PORT</c>, <c>[IPv6]:PORT</c> or a bare <c>PORT</c>.</summary>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out ListenEndpoint? endpoint,
        [NotNullWhen(false)] out string? error)
    {
        endpoint = null;
        string? host = null;
        var port = 0;
        var problem = string.IsNullOrEmpty(text) ? "it is empty" : HostAndPort.TryParse(text, out host, out port);
        if (problem is null)
        {
            endpoint = new ListenEndpoint(host, port);
            error = null;
            return true;
        }

        error = $"{Printable.Of(text)} is not a valid listen address: {problem}; {Accepted}.";
        return false;
    }

    /// <summary>The parameter of nginx's <c>listen</c> directive.</summary>
    public override string ToString() => Address is null ? $"{Port}" : $"{HostName.Format(Address)}:{Port}";
}
