using ShLogin.Configuration;
using ShLogin.Nginx;
using ShLogin.Secrets;

namespace ShLogin.LoginService;

/// <summary>Checks <see cref="LoginServiceOptions"/>; each problem is one line naming the option, and what is accepted.</summary>
internal static class LoginServiceOptionsValidator
{
    private const int MaxCookieDomainLength = 253;

    public static IReadOnlyList<string> Validate(LoginServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();

        if (!Enum.IsDefined(options.Mode))
        {
            errors.Add($"Mode: unknown value {(int)options.Mode}; accepted: Token, Totp, TokenAndTotp.");
        }

        if (options.RequiresToken)
        {
            CheckToken(options.Token, errors);
        }

        if (options.RequiresTotp)
        {
            CheckTotp(options.TotpSecret, options.TotpParameters, errors);
        }

        if (options.SessionTtl <= TimeSpan.Zero || options.SessionTtl > LoginServiceOptions.MaxSessionTtl)
        {
            errors.Add($"SessionTtl: {options.SessionTtl} is out of range; accepted: more than zero and at most {LoginServiceOptions.MaxSessionTtl.TotalDays:0} days.");
        }

        if (!Enum.IsDefined(options.SecureCookie))
        {
            errors.Add($"SecureCookie: unknown value {(int)options.SecureCookie}; accepted: Auto, On, Off.");
        }

        if (options.CookieDomain is not null &&
            !IsHostName(options.CookieDomain))
        {
            errors.Add("CookieDomain: not a host name; accepted: letters, digits, '-' and '.' such as example.org or .example.org.");
        }

        CheckCookieName(options, errors);

        if (options.AppName is not null && !AppDisplayName.IsValid(options.AppName))
        {
            errors.Add($"AppName: not a name to show; accepted: 1-{AppDisplayName.MaxLength} characters, no control characters.");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("DataDirectory: missing; accepted: a path to a private directory for keys and sessions.");
        }

        if (options.NginxGate is { } gate)
        {
            CheckAbsoluteDirectory("NginxGate.SessionDirectory", gate.SessionDirectory, errors);
            if (!NginxSessionGate.IsNginxCookieName(NginxAuthContract.GateCookieName(options.CookieName ?? "")))
            {
                errors.Add("CookieName: nginx cannot read a gate cookie named after it; accepted with NginxGate: 1 to 59 letters, digits or '_'.");
            }
        }

        if (options.TimeProvider is null)
        {
            errors.Add("TimeProvider: missing; accepted: any TimeProvider (TimeProvider.System by default).");
        }

        return errors;
    }

    private static void CheckAbsoluteDirectory(string name, string? path, List<string> errors)
    {
        if (string.IsNullOrEmpty(path) || !path.StartsWith('/') || path.TrimEnd('/').Length == 0 || path.Any(char.IsControl))
        {
            errors.Add($"{name}: not an absolute directory path; accepted: a path such as /run/dir/sessions, without control characters.");
        }
    }

    private static void CheckToken(string? token, List<string> errors)
    {
        if (string.IsNullOrEmpty(token))
        {
            errors.Add("Token: missing; the token modes need a token of printable ASCII characters.");
        }
        else if (token.Length > LoginServiceOptions.MaxCredentialLength)
        {
            errors.Add($"Token: {token.Length} characters is too long; accepted: at most {LoginServiceOptions.MaxCredentialLength}.");
        }
        else if (!token.All(c => c is > ' ' and <= '~'))
        {
            errors.Add("Token: contains spaces, control or non-ASCII characters; accepted: printable ASCII without spaces.");
        }
    }

    private static void CheckTotp(byte[]? secret, TotpParameters? parameters, List<string> errors)
    {
        if (secret is null || secret.Length < LoginServiceOptions.MinTotpSecretBytes)
        {
            errors.Add($"TotpSecret: {(secret is null ? "missing" : $"{secret.Length} bytes is too short")}; the TOTP modes need a key of at least {LoginServiceOptions.MinTotpSecretBytes} bytes ({LoginServiceOptions.MinTotpSecretBytes * 8 / 5} Base32 characters).");
        }

        // TotpParameters validates itself when constructed; only its absence is left to catch.
        if (parameters is null)
        {
            errors.Add("TotpParameters: missing; accepted: a TotpParameters such as TotpParameters.Default (SHA1, 6 digits, 30 s).");
        }
    }

    private static void CheckCookieName(LoginServiceOptions options, List<string> errors)
    {
        var name = options.CookieName;
        if (string.IsNullOrEmpty(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            errors.Add("CookieName: not a valid name; accepted: 1 to 64 letters, digits, '_' or '-'.");
            return;
        }

        if (name.StartsWith("__Host-", StringComparison.Ordinal) &&
            (options.CookieDomain is not null || options.SecureCookie != SecureCookieMode.On))
        {
            errors.Add("CookieName: a __Host- cookie needs SecureCookie On and no CookieDomain.");
        }
        else if (name.StartsWith("__Secure-", StringComparison.Ordinal) && options.SecureCookie != SecureCookieMode.On)
        {
            errors.Add("CookieName: a __Secure- cookie needs SecureCookie On.");
        }
    }

    // Letters, digits and inner hyphens in dot-separated labels, with an optional leading dot.
    // Checked by hand: no regular expression engine is loaded for a one-off start-up check.
    private static bool IsHostName(string domain)
    {
        var name = domain.StartsWith('.') ? domain[1..] : domain;
        if (name.Length == 0 || domain.Length > MaxCookieDomainLength)
        {
            return false;
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' ||
                !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }
}
