using System.Data.Common;
using Npgsql;

namespace ShLogin.OtpServer.Storage;

/// <summary>PostgreSQL, for several instances on one database: the primary keys make replay refusal hold across all of them.</summary>
public sealed class PostgresOtpStore : SqlOtpStore
{
    /// <summary>Any fixed number: the advisory lock that lets one instance at a time migrate.</summary>
    private const long MigrationLockKey = 0x5348_4c6f_6769_6e01;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _description;

    private PostgresOtpStore(NpgsqlDataSource dataSource, string description)
    {
        _dataSource = dataSource;
        _description = description;
    }

    /// <inheritdoc />
    protected override string Dialect => "Postgres";

    /// <summary>A store on <paramref name="connectionString"/> (Npgsql's keywords, e.g. <c>Host=/run/pg;Database=otp;Username=otp</c>).</summary>
    /// <exception cref="OtpServerConfigurationException">The connection string is not one.</exception>
    public static PostgresOtpStore Open(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // The message of Npgsql may quote the string, password included: not repeated.
            throw new OtpServerConfigurationException("the PostgreSQL connection string cannot be parsed (accepted: Npgsql's Key=Value;… form)", e);
        }

        var description = $"PostgreSQL {builder.Host}{(builder.Port != NpgsqlConnection.DefaultPort ? ":" + builder.Port : string.Empty)} database {builder.Database}";
        return new PostgresOtpStore(new NpgsqlSlimDataSourceBuilder(connectionString).Build(), description);
    }

    /// <inheritdoc />
    public override string Describe() => _description;

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <inheritdoc />
    protected override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({MigrationLockKey})";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override bool IsConstraintViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation };

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await base.DisposeAsync();
    }
}
