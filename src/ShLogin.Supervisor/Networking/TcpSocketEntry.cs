using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace ShLogin.Supervisor.Networking;

/// <summary>
/// One socket of <c>/proc/net/tcp</c> or <c>/proc/net/tcp6</c>: its local address and port, its
/// state, the user that created it and its inode (which <c>/proc/PID/fd</c> links name as
/// <c>socket:[INODE]</c>).
/// </summary>
/// <param name="LocalAddress">The address it is bound to (0.0.0.0 or :: for every address).</param>
/// <param name="LocalPort">The port it is bound to.</param>
/// <param name="State">The kernel's TCP state number (<see cref="ListenState"/> for a listening socket).</param>
/// <param name="Uid">The user id that owns it.</param>
/// <param name="Inode">Its inode number.</param>
public sealed record TcpSocketEntry(IPAddress LocalAddress, int LocalPort, int State, long Uid, long Inode)
{
    /// <summary>TCP_LISTEN in the kernel's numbering.</summary>
    public const int ListenState = 0x0A;

    /// <summary>True for a socket that accepts connections.</summary>
    public bool IsListening => State == ListenState;

    /// <summary>
    /// Parses a line such as
    /// <c>0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000  0 41234 1 …</c>.
    /// The kernel prints each 32-bit word of an address in hexadecimal as the machine stores it, so
    /// 127.0.0.1 reads <c>0100007F</c> on little-endian machines; ports are plain hexadecimal.
    /// Null for the header line and anything malformed.
    /// </summary>
    public static TcpSocketEntry? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 10 || !fields[0].EndsWith(':'))
        {
            return null;
        }

        var local = fields[1].Split(':');
        if (local.Length != 2
            || ParseAddress(local[0]) is not { } address
            || !TryParseHex(local[1], 4, out var port)
            || !TryParseHex(fields[3], 2, out var state)
            || !long.TryParse(fields[7], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            || !long.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
        {
            return null;
        }

        return new TcpSocketEntry(address, (int)port, (int)state, uid, inode);
    }

    /// <summary>Every socket the kernel lists now in <c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c> (a missing file lists none).</summary>
    public static IReadOnlyList<TcpSocketEntry> ReadAll()
    {
        var entries = new List<TcpSocketEntry>();
        foreach (var file in (string[])["/proc/net/tcp", "/proc/net/tcp6"])
        {
            try
            {
                entries.AddRange(File.ReadLines(file).Select(Parse).OfType<TcpSocketEntry>());
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // No IPv6 in this kernel, or no /proc.
            }
        }

        return entries;
    }

    private static IPAddress? ParseAddress(string hex)
    {
        if (hex.Length is not (8 or 32))
        {
            return null;
        }

        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < hex.Length / 8; word++)
        {
            if (!TryParseHex(hex.Substring(word * 8, 8), 8, out var value))
            {
                return null;
            }

            // Back to the bytes as they lie in memory: that is network order.
            if (BitConverter.IsLittleEndian)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(word * 4), (uint)value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(word * 4), (uint)value);
            }
        }

        return new IPAddress(bytes);
    }

    private static bool TryParseHex(string text, int maxDigits, out long value)
    {
        value = 0;
        return text.Length > 0 && text.Length <= maxDigits
            && long.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
