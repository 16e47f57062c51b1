using System.Data.Common;
using System.Globalization;

namespace ShLogin.OtpServer.Storage;

/// <summary>
/// The SQL both databases share (plain ADO.NET, no ORM: a handful of statements, and nothing that
/// needs reflection in the native build). Subclasses open connections and name their dialect.
/// </summary>
public abstract class SqlOtpStore : IOtpStore
{
    private const string Columns = "appuuid, name, realm, username, trusted, seed, created_at";

    /// <summary>Steps older than the accepted one by more than this are pruned: the ±1 window can never match them again.</summary>
    private const long KeptSteps = 2;

    /// <summary>The dialect's migration scripts: <c>migrations/&lt;Dialect&gt;/NNNN_*.sql</c>.</summary>
    protected abstract string Dialect { get; }

    /// <inheritdoc />
    public abstract string Describe();

    /// <summary>An open connection.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A transaction that writes (SQLite: takes the write lock at once, so two writers never deadlock).</summary>
    protected virtual ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.BeginTransactionAsync(cancellationToken);

    /// <summary>
    /// Waits for this process's turn to write, if the database takes one writer at a time (SQLite);
    /// disposing the result ends the turn. The default: no wait, the database orders its writers.
    /// </summary>
    protected virtual ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    /// <summary>Serialises migrations of several instances (PostgreSQL: an advisory lock), inside <paramref name="transaction"/>.</summary>
    protected virtual Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Whether <paramref name="exception"/> is a unique or foreign key violation.</summary>
    protected abstract bool IsConstraintViolation(DbException exception);

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public virtual async Task MigrateAsync(CancellationToken cancellationToken)
    {
        using var writer = await EnterWriteAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await SchemaMigrator.ApplyAsync(connection, Dialect, BeginWriteAsync, LockForMigrationAsync, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<OtpEntry?> FindAsync(string name, string realm, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT {Columns} FROM otp_entry WHERE name = @name AND realm = @realm", ("name", name), ("realm", realm));
        var entries = await ReadAsync(command, cancellationToken);
        return entries.Count > 0 ? entries[0] : null;
    }

    /// <inheritdoc />
    public async Task<OtpEntry?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT {Columns} FROM otp_entry WHERE appuuid = @id", ("id", Key(id)));
        var entries = await ReadAsync(command, cancellationToken);
        return entries.Count > 0 ? entries[0] : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OtpEntry>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT {Columns} FROM otp_entry ORDER BY realm, name");
        return await ReadAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long> CountInRealmAsync(string realm, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT COUNT(*) FROM otp_entry WHERE realm = @realm", ("realm", realm));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<bool> TryCreateAsync(OtpEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var writer = await EnterWriteAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            $"INSERT INTO otp_entry ({Columns}) VALUES (@id, @name, @realm, @username, @trusted, @seed, @created) ON CONFLICT DO NOTHING",
            ("id", Key(entry.Id)),
            ("name", entry.Name),
            ("realm", entry.Realm),
            ("username", entry.Username),
            ("trusted", entry.Trusted ? 1 : 0),
            ("seed", entry.SealedSeed),
            ("created", entry.CreatedAt.ToUnixTimeSeconds()));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<UpdateOutcome> UpdateAsync(Guid id, OtpEntryChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        using var writer = await EnterWriteAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            "UPDATE otp_entry SET name = COALESCE(@name, name), realm = COALESCE(@realm, realm), "
            + "username = COALESCE(@username, username), trusted = COALESCE(@trusted, trusted) WHERE appuuid = @id",
            ("id", Key(id)),
            ("name", changes.Name),
            ("realm", changes.Realm),
            ("username", changes.Username),
            ("trusted", changes.Trusted is { } trusted ? (trusted ? 1 : 0) : null));
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? UpdateOutcome.Updated : UpdateOutcome.NotFound;
        }
        catch (DbException e) when (IsConstraintViolation(e))
        {
            return UpdateOutcome.NameTaken;
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        using var writer = await EnterWriteAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await using (var steps = Command(connection, "DELETE FROM otp_used_step WHERE appuuid = @id", ("id", Key(id))))
        {
            steps.Transaction = transaction;
            await steps.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var entry = Command(connection, "DELETE FROM otp_entry WHERE appuuid = @id", ("id", Key(id)));
        entry.Transaction = transaction;
        var deleted = await entry.ExecuteNonQueryAsync(cancellationToken) == 1;
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <inheritdoc />
    public async Task<bool> TryUseStepAsync(Guid id, long timeStep, CancellationToken cancellationToken)
    {
        using var writer = await EnterWriteAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        try
        {
            await using var insert = Command(
                connection,
                "INSERT INTO otp_used_step (appuuid, step) VALUES (@id, @step) ON CONFLICT DO NOTHING",
                ("id", Key(id)),
                ("step", timeStep));
            insert.Transaction = transaction;
            if (await insert.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }

            await using var prune = Command(
                connection,
                "DELETE FROM otp_used_step WHERE appuuid = @id AND step < @oldest",
                ("id", Key(id)),
                ("oldest", timeStep - KeptSteps));
            prune.Transaction = transaction;
            await prune.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbException e) when (IsConstraintViolation(e))
        {
            // The entry was deleted meanwhile: its code is no longer accepted.
            return false;
        }
    }

    private static string Key(Guid id) => id.ToString("D");

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            if (value is null)
            {
                // Untyped NULLs: PostgreSQL must still know what COALESCE compares.
                parameter.DbType = name == "trusted" ? System.Data.DbType.Int32 : System.Data.DbType.String;
            }

            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static async Task<IReadOnlyList<OtpEntry>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<OtpEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new OtpEntry(
                Guid.ParseExact(reader.GetString(0), "D"),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture) != 0,
                (byte[])reader.GetValue(5),
                DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture))));
        }

        return entries;
    }
}
