using System.Data.Common;
using Microsoft.Data.Sqlite;
using ShLogin.Files;

namespace ShLogin.OtpServer.Storage;

/// <summary>
/// SQLite, the default: one file (0600, created before SQLite touches it; its -wal and -shm files
/// take the same mode), write-ahead logging, every commit synced.
/// </summary>
public sealed class SqliteOtpStore : SqlOtpStore
{
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly string _path;
    private readonly string _connectionString;

    // SQLite has one writer at a time. Writers wait their turn here, without holding a thread,
    // instead of in SQLite's busy handler, which sleeps on a pool thread and, with many requests
    // at once, starves the pool: the lock is taken at once when it is free.
    private readonly SemaphoreSlim _writer = new(1, 1);

    private SqliteOtpStore(string path)
    {
        _path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <inheritdoc />
    protected override string Dialect => "Sqlite";

    /// <summary>Opens (or creates, 0600) the database file <paramref name="path"/>, refusing one that others may read.</summary>
    /// <exception cref="OtpServerConfigurationException">The file is not private or cannot be made.</exception>
    public static SqliteOtpStore Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PrivateFile.Mode };
            using (new FileStream(full, options))
            {
            }
        }
        catch (IOException) when (File.Exists(full))
        {
            var info = new FileInfo(full);
            if (info.LinkTarget is not null || (info.UnixFileMode & GroupOrOther) != 0)
            {
                throw new OtpServerConfigurationException($"database {full}: must be a file of mode 0600, not a link (chmod 600 it)");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OtpServerConfigurationException($"database {full}: cannot be created: {e.Message}", e);
        }

        return new SqliteOtpStore(full);
    }

    /// <inheritdoc />
    public override string Describe() => $"SQLite {_path}";

    /// <inheritdoc />
    public override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using (var connection = new SqliteConnection(_connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        await base.MigrateAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.CreateCommand();
        // Per connection; write-ahead logging is the file's own setting (made once by MigrateAsync).
        pragmas.CommandText = "PRAGMA synchronous = FULL;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <inheritdoc />
    protected override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    /// <inheritdoc />
    protected override async ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        return new WriteTurn(_writer);
    }

    /// <inheritdoc />
    protected override bool IsConstraintViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19 };

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return base.DisposeAsync();
    }

    private sealed class WriteTurn(SemaphoreSlim writer) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                writer.Release();
            }
        }
    }
}
