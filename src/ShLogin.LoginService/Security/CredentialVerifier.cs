using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ShLogin.Secrets;

namespace ShLogin.LoginService.Security;

/// <summary>
/// Checks what a browser submitted against the mode's secrets: the token in constant time, the
/// TOTP code with replay protection that survives a restart (<see cref="UsedTotpStepFile"/>).
/// Oversized, non-ASCII or malformed input fails before any comparison (and still counts as a
/// failed attempt for the caller).
/// </summary>
internal sealed partial class CredentialVerifier
{
    private const int Window = 1;

    private readonly string? _token;
    private readonly TotpVerifier? _totp;
    private readonly UsedTotpStepFile? _usedStep;
    private readonly ILogger _logger;
    private readonly int _digits;

    /// <summary>A verifier whose TOTP replay protection lasts as long as this object.</summary>
    public CredentialVerifier(LoginServiceOptions options)
        : this(options, usedStepFile: null, NullLogger.Instance)
    {
    }

    /// <summary>A verifier that keeps the last used TOTP step in <paramref name="usedStepFile"/> (when not null).</summary>
    public CredentialVerifier(LoginServiceOptions options, string? usedStepFile, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        if (options.RequiresToken)
        {
            _token = options.Token ?? throw new ArgumentException("The mode needs a token.", nameof(options));
        }

        if (options.RequiresTotp)
        {
            var key = options.TotpSecret ?? throw new ArgumentException("The mode needs a TOTP secret.", nameof(options));
            var totp = new Totp(key, options.TotpParameters);
            _usedStep = usedStepFile is null ? null : new UsedTotpStepFile(usedStepFile);
            var lastUsed = LoadUsedStep(totp.StepAt(options.TimeProvider.GetUtcNow()) + Window);
            _totp = new TotpVerifier(totp, options.TimeProvider, Window, lastUsed);
            _digits = options.TotpParameters.Digits;
        }
    }

    /// <summary>True when the mode asks for the token.</summary>
    public bool RequiresToken => _token is not null;

    /// <summary>True when the mode asks for a TOTP code.</summary>
    public bool RequiresCode => _totp is not null;

    /// <summary>True when every credential the mode asks for is right.</summary>
    /// <remarks>
    /// The code is only checked once the token is right: a right code next to a mistyped token
    /// must stay usable for the corrected attempt (a checked code cannot be used again).
    /// </remarks>
    public bool Verify(string? token, string? code) =>
        (!RequiresToken || TokenMatches(token)) && (!RequiresCode || CodeMatches(code));

    /// <summary>True when <paramref name="submitted"/> is the token (compared in constant time); false in a mode without one.</summary>
    public bool TokenMatches(string? submitted)
    {
        var candidate = submitted?.Trim();
        return _token is not null && IsPlainAscii(candidate) && SecretTokens.FixedTimeEquals(_token, candidate);
    }

    /// <summary>
    /// True when <paramref name="submitted"/> is a current code not used before; a match uses
    /// the code up. False in a mode without TOTP.
    /// </summary>
    public bool CodeMatches(string? submitted) => CheckCode(submitted) == TotpCheck.Accepted;

    /// <summary>
    /// Like <see cref="CodeMatches"/>, but tells a wrong code from a right one already used.
    /// <see cref="TotpCheck.Wrong"/> in a mode without TOTP.
    /// </summary>
    public TotpCheck CheckCode(string? submitted)
    {
        if (_totp is null || !IsPlainAscii(submitted))
        {
            return TotpCheck.Wrong;
        }

        var digits = submitted!.Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length != _digits || !digits.All(char.IsAsciiDigit))
        {
            return TotpCheck.Wrong;
        }

        var check = _totp.Check(digits);
        if (check == TotpCheck.Accepted)
        {
            RememberUsedStep();
        }

        return check;
    }

    // A step later than any this clock could have accepted is not trusted: it would lock TOTP out until then.
    private long LoadUsedStep(long latestPossible)
    {
        try
        {
            var step = _usedStep?.Load() ?? long.MinValue;
            if (step <= latestPossible)
            {
                return step;
            }

            LogUsedStepIgnored(_logger, _usedStep!.Path, "it names a time step in the future");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogUsedStepIgnored(_logger, _usedStep!.Path, exception.Message);
        }

        return long.MinValue;
    }

    // A disk that refuses the write must not refuse the user: this process still remembers the step.
    private void RememberUsedStep()
    {
        try
        {
            _usedStep?.Save(_totp!.LastAcceptedStep);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogUsedStepNotSaved(_logger, _usedStep!.Path, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The used TOTP step could not be saved to {Path} ({Problem}); a restart would accept the last code again while it is current.")]
    private static partial void LogUsedStepNotSaved(ILogger logger, string path, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The used TOTP step in {Path} was ignored ({Problem}).")]
    private static partial void LogUsedStepIgnored(ILogger logger, string path, string problem);

    private static bool IsPlainAscii(string? value) =>
        value is { Length: > 0 and <= LoginServiceOptions.MaxCredentialLength } &&
        value.All(c => c is >= ' ' and <= '~');
}
