using Microsoft.Extensions.Logging;
using ShLogin.LoginService.Sessions;
using ShLogin.Nginx;

namespace ShLogin.LoginService.NginxGate;

/// <summary>
/// Keeps nginx's session map equal to the session allow-list: after every login, logout and
/// expiry it rewrites the map file (atomically) and tells nginx to reload, before the request that
/// caused the change is answered. A timer drops sessions the moment they expire, so nginx stops
/// honouring them then too. On stop the map is emptied, so nginx asks the login service (and,
/// with it gone, fails closed) about every request.
/// </summary>
internal sealed partial class NginxSessionMapPublisher : IDisposable
{
    /// <summary>The map holds at most this many sessions, the newest; older ones still work through <c>/auth/check</c>.</summary>
    public const int MaxEntries = 4096;

    private static readonly TimeSpan LongestTimerWait = TimeSpan.FromHours(1);

    private readonly ISessionStore _sessions;
    private readonly NginxGateOptions _gate;
    private readonly TimeProvider _time;
    private readonly string _user;
    private readonly ILogger _logger;
    private readonly Lock _gateLock = new();
    private ITimer? _expiryTimer;
    private bool _stopped;

    public NginxSessionMapPublisher(ISessionStore sessions, LoginServiceOptions options, ILogger<NginxSessionMapPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sessions = sessions;
        _gate = options.NginxGate ?? throw new ArgumentException("The options have no nginx gate.", nameof(options));
        _time = options.TimeProvider;
        _user = SessionUser.NameFor(options.Mode);
        _logger = logger;
    }

    /// <summary>How many times the map was written (for tests).</summary>
    public int Publications { get; private set; }

    /// <summary>Writes the current sessions and starts following changes.</summary>
    public void Start()
    {
        _sessions.Changed += OnSessionsChanged;
        Publish(waitForNginx: true);
    }

    /// <summary>Stops following changes and leaves nginx an empty map.</summary>
    public void Stop()
    {
        _sessions.Changed -= OnSessionsChanged;
        lock (_gateLock)
        {
            _stopped = true;
            _expiryTimer?.Dispose();
            _expiryTimer = null;
            WriteAndReload([], waitForNginx: false);
        }
    }

    /// <summary>
    /// Rewrites the map from the allow-list and reloads nginx; with <paramref name="waitForNginx"/>
    /// returns once nginx runs with the new map (at most <see cref="NginxSessionGate.RevocationBound"/>).
    /// </summary>
    public void Publish(bool waitForNginx)
    {
        lock (_gateLock)
        {
            if (_stopped)
            {
                return;
            }

            var active = _sessions.ListActive();
            var listed = active
                .OrderByDescending(session => session.ExpiresAt)
                .Take(MaxEntries)
                .Select(session => new KeyValuePair<string, string>(SessionGateKey.For(session.SessionId), _user))
                .ToList();
            WriteAndReload(listed, waitForNginx);
            ArmExpiryTimer(active);
        }
    }

    public void Dispose()
    {
        _sessions.Changed -= OnSessionsChanged;
        lock (_gateLock)
        {
            _expiryTimer?.Dispose();
            _expiryTimer = null;
        }
    }

    // Waiting for nginx on every change keeps it simple to reason about: once a login or logout is
    // answered, nginx already runs the map that includes or excludes the session.
    private void OnSessionsChanged(object? sender, SessionChangedEventArgs change) => Publish(waitForNginx: true);

    private void WriteAndReload(List<KeyValuePair<string, string>> entries, bool waitForNginx)
    {
        try
        {
            NginxSessionMapFile.Write(_gate.SessionMapFile, entries);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A map that cannot be rewritten must not keep a revoked session: emptying the file in
            // place needs no free space, and an empty map sends every request to /auth/check.
            LogMapEmptied(_logger, exception.Message);
            using (new FileStream(_gate.SessionMapFile, FileMode.Truncate, FileAccess.Write))
            {
            }
        }

        Publications++;

        // Before nginx has started there is nothing to tell: it reads the map when it starts.
        if (!File.Exists(_gate.NginxPidFile))
        {
            return;
        }

        var problem = NginxMaster.TryReload(_gate.NginxPidFile, waitForNginx ? NginxSessionGate.RevocationBound : TimeSpan.Zero);
        if (problem is not null)
        {
            LogNotReloaded(_logger, problem);
        }
    }

    private void ArmExpiryTimer(IReadOnlyList<SessionEntry> active)
    {
        if (active.Count == 0)
        {
            _expiryTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var wait = active.Min(session => session.ExpiresAt) - _time.GetUtcNow();
        wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestTimerWait ? LongestTimerWait : wait;
        if (_expiryTimer is null)
        {
            _expiryTimer = _time.CreateTimer(_ => OnExpiryDue(), null, wait, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _expiryTimer.Change(wait, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnExpiryDue()
    {
        try
        {
            // Removing raises Changed, which publishes; with nothing removed, publish to re-arm the timer.
            if (_sessions.RemoveExpired() == 0)
            {
                Publish(waitForNginx: false);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogExpiryFailed(_logger, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The session map could not be rewritten ({Reason}); it was emptied, so nginx asks about every request.")]
    private static partial void LogMapEmptied(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "nginx was not told about changed sessions: {Problem}")]
    private static partial void LogNotReloaded(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Expired sessions could not be removed from the session map: {Reason}")]
    private static partial void LogExpiryFailed(ILogger logger, string reason);
}
