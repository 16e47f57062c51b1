using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ShLogin.Stack;

namespace ShLogin.AppHost;

/// <summary>
/// A program of the stack is healthy once its health path answers below 500 at its endpoint, a
/// unix socket or a TCP port; the dashboard shows it Healthy, and <c>WaitFor</c> starts what
/// depends on it, only then.
/// </summary>
internal sealed class StackProgramHealthCheck : IHealthCheck, IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private readonly StackEndpoint _endpoint;
    private readonly string _path;
    private readonly HttpClient _client;

    public StackProgramHealthCheck(StackEndpoint endpoint, string path)
    {
        _endpoint = endpoint;
        _path = path;
        _client = new HttpClient(StackHttp.CreateHandler(endpoint)) { Timeout = RequestTimeout };
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var status = await StackHttp.GetStatusAsync(_client, _endpoint, _path, cancellationToken);
            var answer = string.Create(CultureInfo.InvariantCulture, $"{_path} at {_endpoint} answered {(int)status}");
            return (int)status < 500 ? HealthCheckResult.Healthy(answer) : HealthCheckResult.Unhealthy(answer);
        }
        catch (Exception exception) when (exception is HttpRequestException or SocketException or IOException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy($"no answer yet at {_endpoint}{_path}");
        }
    }

    public void Dispose() => _client.Dispose();
}
