using System.Net;
using System.Net.Sockets;
using ShLogin.Hosting.Resources;
using ShLogin.Stack;

namespace ShLogin.Hosting.Health;

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

    /// <summary>The status code of a GET of the check's path; throws when nothing answers.</summary>
    public async Task<HttpStatusCode> GetStatusAsync(HealthCheck check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        var endpoint = check.Endpoint;
        var client = endpoint.IsUnixSocket ? UnixClient(endpoint.SocketPath!) : _tcp;
        var baseUri = endpoint.IsUnixSocket ? new Uri("http://localhost") : new Uri(endpoint.ListenUrl);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, check.Path));
        if (check.Host is not null)
        {
            request.Headers.Host = check.Host;
        }

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
