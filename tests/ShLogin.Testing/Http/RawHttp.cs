using System.Net.Sockets;
using System.Text;

namespace ShLogin.Testing.Http;

/// <summary>
/// One HTTP/1.1 request written byte for byte (HttpClient would normalise a hostile target) and
/// its answer as sent: the status line, the headers in order and the body.
/// </summary>
public sealed record RawHttpResponse(string StatusLine, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public int Status => int.Parse(StatusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every value of the header <paramref name="name"/>, in order, joined by newlines; null when absent.</summary>
    public string? Header(string name)
    {
        var values = Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        return values.Count == 0 ? null : string.Join('\n', values);
    }
}

public static class RawHttp
{
    /// <summary>Sends <paramref name="method"/> <paramref name="target"/> (UTF-8 bytes, unchanged) with <c>Connection: close</c> and reads the whole answer.</summary>
    public static async Task<RawHttpResponse> SendAsync(int port, string method, string target, IEnumerable<string>? headerLines = null, string? body = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, timeout.Token);
        var request = new StringBuilder()
            .Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n")
            .Append("Host: 127.0.0.1:").Append(port).Append("\r\n")
            .Append("Connection: close\r\n");
        foreach (var line in headerLines ?? [])
        {
            request.Append(line).Append("\r\n");
        }

        if (body is not null)
        {
            request.Append("Content-Type: application/x-www-form-urlencoded\r\n")
                .Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body)).Append("\r\n");
        }

        request.Append("\r\n").Append(body);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), timeout.Token);
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer, timeout.Token);
        return Parse(answer.ToArray());
    }

    private static RawHttpResponse Parse(byte[] bytes)
    {
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            throw new InvalidOperationException($"No complete HTTP header in {bytes.Length} bytes: {Encoding.Latin1.GetString(bytes)}");
        }

        var lines = Encoding.Latin1.GetString(bytes, 0, end).Split("\r\n");
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .Select(parts => KeyValuePair.Create(parts[0], parts[1].Trim()))
            .ToList();
        return new RawHttpResponse(lines[0], headers, bytes[(end + 4)..]);
    }
}
