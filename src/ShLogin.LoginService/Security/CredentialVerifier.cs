using ShLogin.Secrets;

namespace ShLogin.LoginService.Security;

/// <summary>
/// Checks what a browser submitted against the mode's secrets: the token in constant time, the
/// TOTP code with replay protection. Oversized, non-ASCII or malformed input fails before any
/// comparison (and still counts as a failed attempt for the caller).
/// </summary>
internal sealed class CredentialVerifier
{
    private readonly string? _token;
    private readonly TotpVerifier? _totp;
    private readonly int _digits;

    public CredentialVerifier(LoginServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RequiresToken)
        {
            _token = options.Token ?? throw new ArgumentException("The mode needs a token.", nameof(options));
        }

        if (options.RequiresTotp)
        {
            var key = options.TotpSecret ?? throw new ArgumentException("The mode needs a TOTP secret.", nameof(options));
            _totp = new TotpVerifier(new Totp(key, options.TotpParameters), options.TimeProvider, window: 1);
            _digits = options.TotpParameters.Digits;
        }
    }

    /// <summary>True when every credential the mode asks for is right.</summary>
    /// <remarks>
    /// The code is only checked once the token is right: a right code next to a mistyped token
    /// must stay usable for the corrected attempt (a checked code cannot be used again).
    /// </remarks>
    public bool Verify(string? token, string? code)
    {
        if (_token is not null && !TokenMatches(token))
        {
            return false;
        }

        return _totp is null || CodeMatches(code);
    }

    private bool TokenMatches(string? submitted)
    {
        var candidate = submitted?.Trim();
        return IsPlainAscii(candidate) && SecretTokens.FixedTimeEquals(_token!, candidate);
    }

    private bool CodeMatches(string? submitted)
    {
        if (!IsPlainAscii(submitted))
        {
            return false;
        }

        var digits = submitted!.Replace(" ", "", StringComparison.Ordinal);
        return digits.Length == _digits && digits.All(char.IsAsciiDigit) && _totp!.Verify(digits);
    }

    private static bool IsPlainAscii(string? value) =>
        value is { Length: > 0 and <= LoginServiceOptions.MaxCredentialLength } &&
        value.All(c => c is >= ' ' and <= '~');
}
