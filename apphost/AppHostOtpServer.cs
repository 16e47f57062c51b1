using ShLogin.Configuration;
using ShLogin.Files;
using ShLogin.OtpServer;
using ShLogin.Stack;

namespace ShLogin.AppHost;

/// <summary>
/// The OTP server the AppHost runs beside the stack (<c>--otp-server</c>): <c>sh-login otp-server</c>
/// from source with its data directory (0700: server key 0600, SQLite file) inside the runtime
/// directory, on the unix socket <see cref="Socket"/> there; with PostgreSQL, its connection string
/// in a 0600 file named by <c>SH_LOGIN_OTP_SERVER_POSTGRES_FILE</c>. Before its first start the
/// AppHost makes the first admin entry itself; the seed goes to a 0600 file and to the AppHost's
/// own terminal, never through a resource's console.
/// </summary>
internal sealed class AppHostOtpServer : IDisposable
{
    /// <summary>The resource's name in the dashboard.</summary>
    public const string ResourceName = "otp-server";

    /// <summary>The first admin entry's name.</summary>
    public const string AdminName = "admin";

    /// <summary>What the server answers when it is up (401: no credentials sent); its health check.</summary>
    public const string HealthPath = "/ungleichotp/auth";

    /// <summary>Variables of the user's own OTP servers that must not reach this one.</summary>
    public static readonly IReadOnlyList<string> InheritedVariables =
    [
        EnvironmentVariableNames.OtpServerPostgres,
        EnvironmentVariableNames.OtpServerPostgresFile,
        EnvironmentVariableNames.OtpServerKeyFile,
    ];

    private readonly SemaphoreSlim _bootstrapLock = new(1, 1);

    private AppHostOtpServer(OtpServerStore store, RuntimeDirectory runtime, PostgresServer? postgres)
    {
        Store = store;
        Postgres = postgres;
        DataDirectory = runtime.Combine("otp-server");
        Socket = runtime.Combine("otp.sock");
        AdminSeedFile = Path.Combine(DataDirectory, "admin.seed");
        PostgresFile = postgres is null ? null : Path.Combine(DataDirectory, "postgres.conn");
    }

    /// <summary>SQLite or PostgreSQL.</summary>
    public OtpServerStore Store { get; }

    /// <summary>The PostgreSQL cluster, with <see cref="OtpServerStore.Postgres"/>.</summary>
    public PostgresServer? Postgres { get; }

    /// <summary>The server's data directory (0700).</summary>
    public string DataDirectory { get; }

    /// <summary>The unix socket it listens on (0600).</summary>
    public string Socket { get; }

    /// <summary>The first admin entry's seed (0600, Base32, one line).</summary>
    public string AdminSeedFile { get; }

    /// <summary>The 0600 file with the PostgreSQL connection string; null with SQLite.</summary>
    public string? PostgresFile { get; }

    /// <summary>The first admin entry, once <see cref="BootstrapAsync"/> has made it.</summary>
    public FirstAdminEntry? Admin { get; private set; }

    /// <summary>The arguments of <c>sh-login</c>.</summary>
    public IReadOnlyList<string> Arguments => ["otp-server", "--data-dir", DataDirectory, "--socket", Socket];

    /// <summary>Its environment beyond what it inherits: where the connection string is.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        PostgresFile is { } file
            ? new Dictionary<string, string>(StringComparer.Ordinal) { [EnvironmentVariableNames.OtpServerPostgresFile] = file }
            : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>What the ready file tells about it, once the admin entry exists.</summary>
    public OtpServerInfo? Info => Admin is { } admin
        ? new OtpServerInfo(Socket, Store == OtpServerStore.Postgres ? "postgres" : "sqlite", admin.Name, admin.Realm, AdminSeedFile)
        : null;

    /// <summary>
    /// Makes the data directory (and with PostgreSQL, the cluster and the connection file). Nothing
    /// is left behind when it fails.
    /// </summary>
    /// <exception cref="AppHostUsageException">PostgreSQL is missing or its cluster cannot be made.</exception>
    public static async Task<AppHostOtpServer> PrepareAsync(OtpServerStore store, RuntimeDirectory runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var postgres = store == OtpServerStore.Postgres ? await PostgresServer.CreateAsync(runtime) : null;
        var server = new AppHostOtpServer(store, runtime, postgres);
        try
        {
            runtime.CreateSubdirectory("otp-server");
            if (server.PostgresFile is { } file)
            {
                PrivateFile.WriteAtomically(file, postgres!.ConnectionString + "\n");
            }

            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Before the server starts: the database (PostgreSQL), the server key and the first admin
    /// entry, once; a restart of the resource finds them made.
    /// </summary>
    /// <exception cref="OtpServerConfigurationException">The store or key cannot be used.</exception>
    public async Task BootstrapAsync(CancellationToken cancellationToken)
    {
        await _bootstrapLock.WaitAsync(cancellationToken);
        try
        {
            if (Admin is not null)
            {
                return;
            }

            if (Postgres is not null)
            {
                await Postgres.EnsureDatabaseAsync(cancellationToken);
            }

            var setup = new OtpServerSetup(DataDirectory, Path.Combine(DataDirectory, OtpServerSetup.KeyFileName), Postgres?.ConnectionString);
            var admin = await OtpServerInit.CreateFirstAdminAsync(setup, AdminName, TimeProvider.System, cancellationToken);
            PrivateFile.WriteAtomically(AdminSeedFile, admin.Seed + "\n");
            Admin = admin;
        }
        finally
        {
            // The AppHost's own connections would hold up PostgreSQL's shutdown.
            Npgsql.NpgsqlConnection.ClearAllPools();
            _bootstrapLock.Release();
        }
    }

    /// <summary>Stops what is left of PostgreSQL and removes its directory; the rest goes with the runtime directory.</summary>
    public void Dispose()
    {
        Postgres?.Dispose();
        _bootstrapLock.Dispose();
    }
}
