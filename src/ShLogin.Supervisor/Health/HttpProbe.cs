using System.Net;
using System.Net.Sockets;
using ShLogin.Stack;

namespace ShLogin.Supervisor.Health;

/// <summary>Sends health-check requests over TCP or a unix socket.</summary>
public sealed class HttpProbe : IDisposable
{
    private readonly HttpClient _tcp;
    private readonly Dictionary<string, HttpClient> _unix = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>A probe whose single requests time out after <paramref name="requestTimeout"/>.</summary>
    public HttpProbe(TimeSpan requestTimeout)
    {
        RequestTimeout = requestTimeout;
        _tcp = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero })
        {
            Timeout = requestTimeout,
        };
    }

    /// <summary>The timeout of one request.</summary>
    public TimeSpan RequestTimeout { get; }

    /// <summary>The status code of a GET of <paramref name="path"/> at <paramref name="endpoint"/>; throws when nothing answers.</summary>
    public async Task<HttpStatusCode> GetStatusAsync(StackEndpoint endpoint, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var client = endpoint.SocketPath is { } socket ? UnixClient(socket) : _tcp;
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint.HttpUri(path));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return response.StatusCode;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _tcp.Dispose();
        lock (_gate)
        {
            foreach (var client in _unix.Values)
            {
                client.Dispose();
            }

            _unix.Clear();
        }
    }

    private HttpClient UnixClient(string path)
    {
        lock (_gate)
        {
            if (!_unix.TryGetValue(path, out var client))
            {
                var handler = new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    PooledConnectionLifetime = TimeSpan.Zero,
                    ConnectCallback = async (_, token) =>
                    {
                        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                        try
                        {
                            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), token);
                            return new NetworkStream(socket, ownsSocket: true);
                        }
                        catch
                        {
                            socket.Dispose();
                            throw;
                        }
                    },
                };
                client = new HttpClient(handler) { Timeout = RequestTimeout };
                _unix[path] = client;
            }

            return client;
        }
    }
}
