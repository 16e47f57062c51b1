using System.Net;
using ShLogin.Stack;

namespace ShLogin.Supervisor.Health;

/// <summary>Sends health-check requests over TCP or a unix socket.</summary>
public sealed class HttpProbe : IDisposable
{
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>A probe whose requests give up after <paramref name="requestTimeout"/>.</summary>
    public HttpProbe(TimeSpan requestTimeout)
    {
        RequestTimeout = requestTimeout;
    }

    /// <summary>How long one request may take.</summary>
    public TimeSpan RequestTimeout { get; }

    /// <summary>The status of a GET of <paramref name="path"/> at <paramref name="endpoint"/>.</summary>
    public Task<HttpStatusCode> GetStatusAsync(StackEndpoint endpoint, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return StackHttp.GetStatusAsync(Client(endpoint), endpoint, path, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var client in _clients.Values)
            {
                client.Dispose();
            }

            _clients.Clear();
        }
    }

    // One client per socket, one for all TCP ports (connections are not kept: each probe connects anew).
    private HttpClient Client(StackEndpoint endpoint)
    {
        var key = endpoint.SocketPath ?? string.Empty;
        lock (_gate)
        {
            if (!_clients.TryGetValue(key, out var client))
            {
                client = new HttpClient(StackHttp.CreateHandler(endpoint)) { Timeout = RequestTimeout };
                _clients[key] = client;
            }

            return client;
        }
    }
}
