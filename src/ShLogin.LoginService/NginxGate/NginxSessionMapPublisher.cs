using Microsoft.Extensions.Logging;
using ShLogin.LoginService.Sessions;
using ShLogin.Nginx;

namespace ShLogin.LoginService.NginxGate;

/// <summary>
/// Keeps nginx's list of sessions (a directory of one file per session, see
/// <see cref="NginxSessionGateDirectory"/>) equal to the session allow-list: a login adds its
/// file, a logout or an expiry removes it, before the request that caused the change is answered.
/// nginx tests the file on every request, so nothing is reloaded: open connections, WebSockets
/// and keep-alive connections are left alone. A timer drops sessions the moment they expire. On
/// stop the list is emptied, so nginx asks the login service (and, with it gone, fails closed)
/// about every request.
/// </summary>
internal sealed partial class NginxSessionMapPublisher : IDisposable
{
    private static readonly TimeSpan LongestTimerWait = TimeSpan.FromHours(1);

    private readonly ISessionStore _sessions;
    private readonly NginxGateOptions _gate;
    private readonly TimeProvider _time;
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
        _logger = logger;
    }

    /// <summary>Lists the current sessions (and only those) and starts following changes.</summary>
    public void Start()
    {
        _sessions.Changed += OnSessionsChanged;
        lock (_gateLock)
        {
            if (_stopped)
            {
                return;
            }

            var active = _sessions.ListActive();
            Apply(() => NginxSessionGateDirectory.Replace(_gate.SessionDirectory, active.Select(session => SessionGateKey.For(session.SessionId))));
            ArmExpiryTimer();
        }
    }

    /// <summary>Stops following changes and leaves nginx an empty list.</summary>
    public void Stop()
    {
        _sessions.Changed -= OnSessionsChanged;
        lock (_gateLock)
        {
            _stopped = true;
            _expiryTimer?.Dispose();
            _expiryTimer = null;
            Apply(() => NginxSessionGateDirectory.Clear(_gate.SessionDirectory));
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

    // Raised synchronously by the store: a login is answered once nginx lists the session, a
    // logout once nginx no longer does.
    private void OnSessionsChanged(object? sender, SessionChangedEventArgs change)
    {
        lock (_gateLock)
        {
            if (_stopped)
            {
                return;
            }

            var key = SessionGateKey.For(change.Session.SessionId);
            if (change.Kind == SessionChangeKind.Added)
            {
                Apply(() => NginxSessionGateDirectory.Add(_gate.SessionDirectory, key));
                ArmExpiryTimer();
            }
            else
            {
                Apply(() => NginxSessionGateDirectory.Remove(_gate.SessionDirectory, key));
            }
        }
    }

    private void Apply(Action change)
    {
        try
        {
            change();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A list that cannot be changed must not keep a revoked session: try to empty it, which
            // sends every request to /auth/check.
            LogListEmptied(_logger, exception.Message);
            try
            {
                NginxSessionGateDirectory.Clear(_gate.SessionDirectory);
            }
            catch (Exception clearing) when (clearing is IOException or UnauthorizedAccessException)
            {
                LogListNotEmptied(_logger, clearing.Message);
            }
        }
    }

    // The timer is due when the earliest session ends (at most an hour ahead, then it looks again).
    private void ArmExpiryTimer()
    {
        var active = _sessions.ListActive();
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
            // Removing raises Changed for each expired session, which unlists it.
            _sessions.RemoveExpired();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogExpiryFailed(_logger, exception.Message);
        }

        lock (_gateLock)
        {
            if (!_stopped)
            {
                ArmExpiryTimer();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "nginx's session list could not be changed ({Reason}); it is emptied, so nginx asks about every request.")]
    private static partial void LogListEmptied(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "nginx's session list could not be emptied either ({Reason}): a revoked session may still reach the app.")]
    private static partial void LogListNotEmptied(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Expired sessions could not be removed: {Reason}")]
    private static partial void LogExpiryFailed(ILogger logger, string reason);
}
