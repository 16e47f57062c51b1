using System.Text;
using ShLogin.Configuration;
using ShLogin.Files;
using ShLogin.OtpServer.Secrets;
using ShLogin.OtpServer.Storage;

namespace ShLogin.OtpServer;

/// <summary>
/// Where an OTP server keeps its state, from its data directory and the environment:
/// PostgreSQL when <c>SH_LOGIN_OTP_SERVER_POSTGRES</c> (or <c>…_POSTGRES_FILE</c>) is set, else
/// SQLite in <c>DATA_DIR/otp-server.db</c>; the key in <c>SH_LOGIN_OTP_SERVER_KEY_FILE</c>, else
/// <c>DATA_DIR/otp-server.key</c>. Secrets come from variables or files, never arguments.
/// </summary>
/// <param name="DataDirectory">The private directory (0700) for the SQLite file, the default key file and socket.</param>
/// <param name="KeyFile">The server key file.</param>
/// <param name="PostgresConnectionString">Set: PostgreSQL.</param>
public sealed record OtpServerSetup(string DataDirectory, string KeyFile, string? PostgresConnectionString)
{
    /// <summary>The SQLite file's name in the data directory.</summary>
    public const string DatabaseFileName = "otp-server.db";

    /// <summary>The default key file's name in the data directory.</summary>
    public const string KeyFileName = "otp-server.key";

    /// <summary>The default socket's name in the data directory.</summary>
    public const string SocketFileName = "otp-server.sock";

    private const int MaxConnectionStringBytes = 4096;

    /// <summary>The SQLite file.</summary>
    public string DatabaseFile => Path.Combine(DataDirectory, DatabaseFileName);

    /// <summary>The default socket.</summary>
    public string DefaultSocket => Path.Combine(DataDirectory, SocketFileName);

    /// <summary>Reads the setup from <paramref name="variable"/> (null for unset).</summary>
    /// <exception cref="OtpServerConfigurationException">Both PostgreSQL variables, or an unreadable file.</exception>
    public static OtpServerSetup Resolve(string dataDirectory, Func<string, string?> variable, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentNullException.ThrowIfNull(variable);
        var keyFile = variable(EnvironmentVariableNames.OtpServerKeyFile) is { } key
            ? Path.GetFullPath(key, workingDirectory)
            : Path.Combine(dataDirectory, KeyFileName);
        var inline = variable(EnvironmentVariableNames.OtpServerPostgres);
        var file = variable(EnvironmentVariableNames.OtpServerPostgresFile);
        if (inline is not null && file is not null)
        {
            throw new OtpServerConfigurationException(
                $"set {EnvironmentVariableNames.OtpServerPostgres} or {EnvironmentVariableNames.OtpServerPostgresFile}, not both");
        }

        if (file is not null)
        {
            var path = Path.GetFullPath(file, workingDirectory);
            try
            {
                inline = Encoding.UTF8.GetString(PrivateFile.ReadOwnSecret(path, MaxConnectionStringBytes)).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or UntrustedPathException)
            {
                throw new OtpServerConfigurationException($"{EnvironmentVariableNames.OtpServerPostgresFile} {path}: {e.Message}", e);
            }
        }

        return new OtpServerSetup(dataDirectory, keyFile, inline);
    }

    /// <summary>Makes the data directory private (0700).</summary>
    public void EnsureDataDirectory()
    {
        try
        {
            PrivateDirectory.Ensure(DataDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or UntrustedPathException)
        {
            throw new OtpServerConfigurationException($"data directory {DataDirectory}: {e.Message}", e);
        }
    }

    /// <summary>The store this setup names, migrated to the newest schema.</summary>
    public async Task<IOtpStore> OpenStoreAsync(CancellationToken cancellationToken)
    {
        IOtpStore store = PostgresConnectionString is { } connection ? PostgresOtpStore.Open(connection) : SqliteOtpStore.Open(DatabaseFile);
        try
        {
            await store.MigrateAsync(cancellationToken);
            return store;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await store.DisposeAsync();
            throw new OtpServerConfigurationException($"{store.Describe()}: {e.Message}", e);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>The cipher of the key file.</summary>
    public SeedCipher ReadCipher() => new(ServerKeyFile.Read(KeyFile));

    /// <summary>Refuses a key that does not open the stored seeds (another instance's key, or a new one over an old database).</summary>
    public static async Task RequireKeyOpensSeedsAsync(IOtpStore store, SeedCipher cipher, string keyFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(cipher);
        var entries = await store.ListAsync(cancellationToken);
        if (entries.Count == 0)
        {
            return;
        }

        try
        {
            Array.Clear(cipher.Decrypt(entries[0].Id, entries[0].SealedSeed));
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new OtpServerConfigurationException(
                $"the server key {keyFile} does not open the seeds in {store.Describe()}: every instance needs the key file the database was made with", e);
        }
    }
}
