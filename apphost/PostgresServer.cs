using System.Diagnostics;
using System.Globalization;
using Npgsql;
using ShLogin.Files;
using ShLogin.Nginx;
using ShLogin.Stack;

namespace ShLogin.AppHost;

/// <summary>
/// A private PostgreSQL cluster for the OTP server, from Debian's package
/// (<c>/usr/lib/postgresql/VERSION/bin</c>): made by <c>initdb</c> in a directory of its own (0700),
/// run by DCP in the foreground, listening only on a unix socket in that directory
/// (<c>listen_addresses=''</c>, socket 0700), with peer authentication: only the AppHost's user
/// connects, as the role of the same name. PostgreSQL refuses to run as root: then the directory
/// belongs to the <c>postgres</c> user (else <c>nobody</c>), both programs run as that user
/// (<c>setpriv</c>, which execs, so DCP's signals reach the postmaster itself), and the directory
/// is beside the runtime directory, which that user cannot enter. Removed when the AppHost stops.
/// </summary>
internal sealed class PostgresServer : IDisposable
{
    /// <summary>The resource's name in the dashboard.</summary>
    public const string ResourceName = "postgres";

    /// <summary>The OTP server's database.</summary>
    public const string DatabaseName = "otp_server";

    private const string SocketFileName = ".s.PGSQL.5432";

    private static readonly TimeSpan InitTimeout = TimeSpan.FromMinutes(2);

    /// <summary>How long a postmaster DCP was told to stop may take before it is killed.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly bool _outsideRuntime;
    private int _disposed;

    private PostgresServer(string directory, string binDirectory, string? runAs, string? setpriv, bool outsideRuntime)
    {
        Directory = directory;
        BinDirectory = binDirectory;
        RunAs = runAs;
        SetPriv = setpriv;
        _outsideRuntime = outsideRuntime;
    }

    /// <summary>The cluster's directory: its socket, and <see cref="DataDirectory"/>.</summary>
    public string Directory { get; }

    /// <summary>The data directory initdb made.</summary>
    public string DataDirectory => Path.Combine(Directory, "data");

    /// <summary>Where <c>postgres</c> and <c>initdb</c> are.</summary>
    public string BinDirectory { get; }

    /// <summary>The user the programs run as when the AppHost is root; null otherwise.</summary>
    public string? RunAs { get; }

    private string? SetPriv { get; }

    /// <summary>The program DCP starts: <c>postgres</c>, or <c>setpriv</c> that becomes it as <see cref="RunAs"/>.</summary>
    public string Command => SetPriv ?? Program("postgres");

    /// <summary>Its arguments: the data directory, the socket directory, no TCP.</summary>
    public IReadOnlyList<string> Arguments =>
    [
        .. AsOwner(Program("postgres")).Skip(1),
        "-D", DataDirectory,
        "-k", Directory,
        "-c", "listen_addresses=",
        "-c", "unix_socket_permissions=0700",
    ];

    /// <summary>The OTP server's connection string (no password: peer authentication on the private socket).</summary>
    public string ConnectionString => Connection(DatabaseName, pooling: true);

    /// <summary>
    /// Finds PostgreSQL's programs and makes the cluster (initdb, about 2 s). Nothing is left behind when it fails.
    /// </summary>
    /// <exception cref="AppHostUsageException">PostgreSQL is not installed, or initdb failed.</exception>
    public static async Task<PostgresServer> CreateAsync(RuntimeDirectory runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var bin = RequireInstalled();
        string? runAs = null;
        string? setpriv = null;
        string directory;
        if (Environment.IsPrivilegedProcess)
        {
            setpriv = ExecutableLocator.Find("setpriv", (Environment.GetEnvironmentVariable("PATH") ?? string.Empty) + ":/usr/bin:/bin")
                ?? throw new AppHostUsageException("--otp-server postgres as root runs PostgreSQL as an unprivileged user with setpriv, which is missing: apt-get install -y util-linux");
            runAs = UserExists("postgres") ? "postgres" : "nobody";
            directory = PrivateDirectory.CreateUnique(PrivateDirectory.EnsureTrusted(Path.GetTempPath()), "sh-login-pg.", 8);
        }
        else
        {
            directory = runtime.CreateSubdirectory("postgres");
        }

        var server = new PostgresServer(directory, bin, runAs, setpriv, outsideRuntime: runAs is not null);
        try
        {
            var socket = Path.Combine(directory, SocketFileName);
            if (System.Text.Encoding.UTF8.GetByteCount(socket) > Upstream.MaxUnixSocketPathBytes)
            {
                throw new AppHostUsageException(
                    $"PostgreSQL's socket would be {socket}, longer than the {Upstream.MaxUnixSocketPathBytes} bytes the system allows: set a shorter SH_LOGIN_TMPDIR or TMPDIR");
            }

            if (runAs is not null)
            {
                await server.RunAsync("chown", [runAs + ":", directory]);
            }

            await server.RunAsync(
                server.Program("initdb"),
                ["-D", server.DataDirectory, "-U", Environment.UserName, "--auth-local=peer", "--auth-host=reject", "-E", "UTF8", "--no-instructions"],
                asOwner: true);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Where PostgreSQL's programs are: checked before anything is made.</summary>
    /// <exception cref="AppHostUsageException">PostgreSQL is not installed.</exception>
    public static string RequireInstalled() => FindBinDirectory() ?? throw new AppHostUsageException(
        "--otp-server postgres needs PostgreSQL's server programs (initdb and postgres in /usr/lib/postgresql/VERSION/bin); "
        + "install them with: apt-get install -y --no-install-recommends postgresql");

    /// <summary>A connection string to <paramref name="database"/> as the AppHost's user.</summary>
    public string Connection(string database, bool pooling) => new NpgsqlConnectionStringBuilder
    {
        Host = Directory,
        Username = Environment.UserName,
        Database = database,
        Pooling = pooling,
        Timeout = 5,
    }.ToString();

    /// <summary>Creates the OTP server's database unless it exists (a restart of the resource keeps it).</summary>
    public async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Connection("postgres", pooling: false));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = DatabaseName } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Once DCP has stopped it: a postmaster still running (DCP's SIGTERM waits for its clients)
    /// is given <see cref="StopTimeout"/>, then killed with its backends; then the directory is
    /// removed if it is not inside the runtime directory (which goes anyway).
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        StopLeftover();
        if (_outsideRuntime)
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private void StopLeftover()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        string? firstLine;
        try
        {
            firstLine = File.ReadLines(pidFile).FirstOrDefault();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return;
        }

        if (!int.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return;
        }

        Process postmaster;
        try
        {
            postmaster = Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return;
        }

        using (postmaster)
        {
            try
            {
                if (postmaster.ProcessName != "postgres" || postmaster.WaitForExit(StopTimeout))
                {
                    return;
                }

                postmaster.Kill(entireProcessTree: true);
                postmaster.WaitForExit(StopTimeout);
            }
            catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone meanwhile.
            }
        }
    }

    private string Program(string name) => Path.Combine(BinDirectory, name);

    private string[] AsOwner(string program) =>
        SetPriv is null ? [program] : [SetPriv, "--reuid=" + RunAs, "--regid=" + RunAs, "--init-groups", "--", program];

    private async Task RunAsync(string program, string[] arguments, bool asOwner = false)
    {
        var command = asOwner ? [.. AsOwner(program), .. arguments] : (string[])[program, .. arguments];
        var (exitCode, error) = await ProcessOutput.RunAsync(command[0], command.Skip(1), InitTimeout, workingDirectory: Directory);
        if (exitCode != 0)
        {
            throw new AppHostUsageException($"the PostgreSQL cluster for --otp-server postgres could not be made: {Path.GetFileName(program)} failed ({exitCode}): {error}");
        }
    }

    /// <summary>The newest <c>/usr/lib/postgresql/VERSION/bin</c> with both programs.</summary>
    private static string? FindBinDirectory()
    {
        const string Root = "/usr/lib/postgresql";
        if (!System.IO.Directory.Exists(Root))
        {
            return null;
        }

        return System.IO.Directory.GetDirectories(Root)
            .OrderByDescending(directory => int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0)
            .Select(directory => Path.Combine(directory, "bin"))
            .FirstOrDefault(bin => File.Exists(Path.Combine(bin, "postgres")) && File.Exists(Path.Combine(bin, "initdb")));
    }

    private static bool UserExists(string name)
    {
        try
        {
            return File.ReadLines("/etc/passwd").Any(line => line.StartsWith(name + ":", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }
}
