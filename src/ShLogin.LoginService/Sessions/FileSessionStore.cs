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
/// The file holds one <c>id expiry-unix-ms</c> pair per line after a version line. Lines that do
/// not parse, and expired sessions, are dropped when loading.
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

        List<SessionChangedEventArgs> changes;
        lock (_writeGate)
        {
            changes = DropExpired();
            _sessions[sessionId] = expiresAt;
            Save();
        }

        changes.Add(new SessionChangedEventArgs(SessionChangeKind.Added, new SessionEntry(sessionId, expiresAt)));
        Raise(changes);
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

        List<SessionChangedEventArgs> changes;
        bool removed;
        lock (_writeGate)
        {
            changes = DropExpired();
            removed = _sessions.TryRemove(sessionId, out var expiresAt);
            if (removed)
            {
                changes.Add(new SessionChangedEventArgs(SessionChangeKind.Removed, new SessionEntry(sessionId, expiresAt)));
            }

            if (changes.Count > 0)
            {
                Save();
            }
        }

        Raise(changes);
        return removed;
    }

    /// <inheritdoc />
    public int RemoveExpired()
    {
        List<SessionChangedEventArgs> changes;
        lock (_writeGate)
        {
            changes = DropExpired();
            if (changes.Count > 0)
            {
                Save();
            }
        }

        Raise(changes);
        return changes.Count;
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
