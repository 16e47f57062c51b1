using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ShLogin.LoginService.Security;

namespace ShLogin.LoginService.Sessions;

/// <summary>
/// The session allow-list in memory, saved to a 0600 file after every change so that a restarted
/// login service keeps its sessions. Reads never touch the disk.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Changed"/> is raised for a session that ends (logged out or expired) before the file
/// is saved, so nginx's list drops it without waiting for the disk (a save is synced, which can
/// take seconds on a busy disk), and even when the save fails; an added session is raised once it
/// is saved. Handlers are called one change at a time, in the order of the changes, while the
/// store is locked against other changes, so a handler must not change the store.
/// </para>
/// <para>
/// The file holds one <c>id expiry-unix-ms</c> pair per line after a version line. Lines that do
/// not parse, and expired sessions, are dropped when loading.
/// </para>
/// </remarks>
public sealed class FileSessionStore : ISessionStore
{
    private const string Header = "shlogin-sessions 1";
    private const int MaxSessionIdLength = 128;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _writeGate = new();
    private readonly string _path;
    private readonly TimeProvider _time;

    /// <summary>Opens the store saved at <paramref name="path"/> (created on the first change).</summary>
    public FileSessionStore(string path, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _path = Path.GetFullPath(path);
        _time = timeProvider;
        Load();
    }

    /// <inheritdoc />
    public event EventHandler<SessionChangedEventArgs>? Changed;

    /// <summary>The file the sessions are saved to.</summary>
    public string FilePath => _path;

    /// <inheritdoc />
    public void Add(string sessionId, DateTimeOffset expiresAt)
    {
        if (!IsWellFormedId(sessionId))
        {
            throw new ArgumentException("A session id is 1 to 128 base64url characters.", nameof(sessionId));
        }

        lock (_writeGate)
        {
            Raise(DropExpired());
            _sessions[sessionId] = expiresAt;
            Save();
            Raise([new SessionChangedEventArgs(SessionChangeKind.Added, new SessionEntry(sessionId, expiresAt))]);
        }
    }

    /// <inheritdoc />
    public bool IsActive(string sessionId) =>
        sessionId is not null &&
        _sessions.TryGetValue(sessionId, out var expiresAt) &&
        expiresAt > _time.GetUtcNow();

    /// <inheritdoc />
    public bool Remove(string sessionId)
    {
        if (sessionId is null)
        {
            return false;
        }

        lock (_writeGate)
        {
            var changes = DropExpired();
            var removed = _sessions.TryRemove(sessionId, out var expiresAt);
            if (removed)
            {
                changes.Add(new SessionChangedEventArgs(SessionChangeKind.Removed, new SessionEntry(sessionId, expiresAt)));
            }

            Raise(changes);
            if (changes.Count > 0)
            {
                Save();
            }

            return removed;
        }
    }

    /// <inheritdoc />
    public int RemoveExpired()
    {
        lock (_writeGate)
        {
            var changes = DropExpired();
            Raise(changes);
            if (changes.Count > 0)
            {
                Save();
            }

            return changes.Count;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<SessionEntry> ListActive()
    {
        var now = _time.GetUtcNow();
        return _sessions
            .Where(pair => pair.Value > now)
            .Select(pair => new SessionEntry(pair.Key, pair.Value))
            .ToList();
    }

    private static bool IsWellFormedId(string? id) =>
        id is { Length: > 0 and <= MaxSessionIdLength } &&
        id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private List<SessionChangedEventArgs> DropExpired()
    {
        var now = _time.GetUtcNow();
        var changes = new List<SessionChangedEventArgs>();
        foreach (var (id, expiresAt) in _sessions)
        {
            if (expiresAt <= now && _sessions.TryRemove(id, out _))
            {
                changes.Add(new SessionChangedEventArgs(SessionChangeKind.Expired, new SessionEntry(id, expiresAt)));
            }
        }

        return changes;
    }

    private void Raise(List<SessionChangedEventArgs> changes)
    {
        var handler = Changed;
        if (handler is null)
        {
            return;
        }

        foreach (var change in changes)
        {
            handler(this, change);
        }
    }

    private void Load()
    {
        if (!File.Exists(_path))
        {
            return;
        }

        PrivateFiles.RestrictFile(_path);
        var now = _time.GetUtcNow();
        using var reader = new StreamReader(_path, Encoding.UTF8);
        if (reader.ReadLine() != Header)
        {
            return;
        }

        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 &&
                IsWellFormedId(parts[0]) &&
                long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var unixMs) &&
                unixMs <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
                if (expiresAt > now)
                {
                    _sessions[parts[0]] = expiresAt;
                }
            }
        }
    }

    private void Save()
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var (id, expiresAt) in _sessions)
        {
            text.Append(id).Append(' ')
                .Append(expiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))
                .Append('\n');
        }

        PrivateFiles.WriteAtomically(_path, text.ToString());
    }
}
