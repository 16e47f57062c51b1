using System.Diagnostics;
using Npgsql;

[assembly: AssemblyFixture(typeof(ShLogin.OtpServer.Tests.TestSupport.PostgresCluster))]

namespace ShLogin.OtpServer.Tests.TestSupport;

/// <summary>
/// A throwaway PostgreSQL cluster from Debian's package, made on first use: <c>initdb</c> into a
/// private temporary directory, owned by an unprivileged user (<c>nobody</c> when the tests run as
/// root: initdb refuses root), listening only on a unix socket in that directory; stopped with a
/// bounded timeout and removed when the tests end. Each test takes a database of its own.
/// Missing PostgreSQL skips, and under <c>CI=true</c> fails.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string SuperUser = "shlogin";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly SemaphoreSlim _startLock = new(1, 1);
    private string? _directory;
    private string? _failure;

    /// <summary>Where the server's socket is (the connection string's Host).</summary>
    public string SocketDirectory => _directory ?? throw new InvalidOperationException("not started");

    /// <summary>A new empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        await EnsureStartedAsync();
        var name = "otp_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        return ConnectionString(name);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_directory is not null)
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                await AsOwnerAsync(Program("pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "-t", "30", "stop"]);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                KillPostmaster();
            }

            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        _startLock.Dispose();
    }

    private string DataDirectory => Path.Combine(SocketDirectory, "data");

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = SocketDirectory, Username = SuperUser, Database = database, Pooling = true, MaxPoolSize = 40 }.ToString();

    private async Task EnsureStartedAsync()
    {
        await _startLock.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_failure is not null)
            {
                Assert.Fail(_failure);
            }

            if (_directory is not null)
            {
                return;
            }

            var initdb = Program("initdb");
            if (!File.Exists(initdb))
            {
                Requirements.Missing("PostgreSQL is not installed (apt-get install -y --no-install-recommends postgresql; tests/run installs it).");
            }

            var directory = Directory.CreateTempSubdirectory("shl-pg-").FullName;
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (Environment.IsPrivilegedProcess)
            {
                OtherUser.Own(directory);
            }

            _directory = directory;
            try
            {
                await AsOwnerAsync(initdb, ["-D", DataDirectory, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--no-instructions"]);
                await AsOwnerAsync(Program("pg_ctl"), [
                    "-D", DataDirectory, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60",
                    "-o", $"-k {directory} -c listen_addresses= -c max_connections=200", "start"]);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                _failure = $"the PostgreSQL test cluster did not start: {e.Message}";
                Assert.Fail(_failure);
            }
        }
        finally
        {
            _startLock.Release();
        }
    }

    private static string Program(string name)
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
            : Enumerable.Empty<string>();
        return versions.Select(v => Path.Combine(v, "bin", name)).FirstOrDefault(File.Exists) ?? Path.Combine("/usr/lib/postgresql/15/bin", name);
    }

    private static async Task AsOwnerAsync(string program, string[] arguments)
    {
        var (file, list) = Environment.IsPrivilegedProcess
            ? (Requirements.RunUser(), (IEnumerable<string>)["-u", OtherUser.Name, "--", program, .. arguments])
            : (program, arguments);
        var result = await ProcessRunner.RunAsync(file, list, timeout: CommandTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({result.ExitCode}): {result.StandardError.Trim()} {result.StandardOutput.Trim()}");
        }
    }

    private void KillPostmaster()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
            }
        }
    }
}
