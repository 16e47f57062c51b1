using System.Data.Common;
using System.Globalization;
using System.Reflection;

namespace ShLogin.OtpServer.Storage;

/// <summary>
/// Versioned schema: the embedded scripts <c>migrations/&lt;dialect&gt;/NNNN_name.sql</c>, applied in
/// order, all missing ones in one transaction together with their rows in <c>schema_version</c>.
/// A database newer than this build is refused rather than half understood.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>A migration script.</summary>
    /// <param name="Version">Its number (the file name's leading digits).</param>
    /// <param name="Sql">Its statements.</param>
    public sealed record Migration(int Version, string Sql);

    /// <summary>The dialect's scripts, in order.</summary>
    public static IReadOnlyList<Migration> For(string dialect)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"migrations/{dialect}/";
        var migrations = new List<Migration>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var file = name[prefix.Length..];
            var digits = new string([.. file.TakeWhile(char.IsAsciiDigit)]);
            var version = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"missing resource {name}");
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(version, reader.ReadToEnd()));
        }

        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"migrations of {dialect} are not numbered 1, 2, 3, …");
            }
        }

        return migrations;
    }

    /// <summary>Applies what <paramref name="connection"/>'s database lacks.</summary>
    public static async Task ApplyAsync(
        DbConnection connection,
        string dialect,
        Func<DbConnection, CancellationToken, ValueTask<DbTransaction>> beginWrite,
        Func<DbConnection, DbTransaction, CancellationToken, Task> lockForMigration,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(beginWrite);
        ArgumentNullException.ThrowIfNull(lockForMigration);
        var migrations = For(dialect);
        await using var transaction = await beginWrite(connection, cancellationToken);
        await lockForMigration(connection, transaction, cancellationToken);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)", cancellationToken);

        await using (var query = connection.CreateCommand())
        {
            query.Transaction = transaction;
            query.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
            var current = Convert.ToInt32(await query.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            if (current > migrations.Count)
            {
                throw new OtpServerConfigurationException(
                    $"the database has schema version {current}, newer than this sh-login knows ({migrations.Count}): use a newer sh-login");
            }

            foreach (var migration in migrations.Skip(current))
            {
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
                await ExecuteAsync(
                    connection,
                    transaction,
                    string.Create(CultureInfo.InvariantCulture, $"INSERT INTO schema_version (version, applied_at) VALUES ({migration.Version}, {DateTimeOffset.UtcNow.ToUnixTimeSeconds()})"),
                    cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
