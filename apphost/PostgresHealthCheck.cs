using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ShLogin.AppHost;

/// <summary>
/// PostgreSQL is healthy once it answers a query on its socket. Each check opens its own connection
/// and closes it (no pool): an idle pooled connection would hold up the postmaster's shutdown.
/// </summary>
internal sealed class PostgresHealthCheck(PostgresServer server) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(server.Connection("postgres", pooling: false));
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"answers on {server.Directory}");
        }
        catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"no answer yet on {server.Directory}: {exception.Message}");
        }
    }
}
