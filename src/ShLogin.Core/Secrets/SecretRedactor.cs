using System.Text.RegularExpressions;

namespace ShLogin.Secrets;

/// <summary>
/// Hides secrets in log lines before they are printed. Lines of nginx, the login service and the
/// app are relayed as they come, and some cannot be reformatted at the source: nginx's error log
/// quotes the request line (<c>request: "GET /auth/login?token=…"</c>) whenever the login service
/// is down. So every relayed line loses the value of any query or form parameter whose name speaks
/// of a credential (<c>token=</c>, <c>code=</c>, <c>secret=</c>, <c>password=</c>, also
/// percent-encoded inside another parameter), and every occurrence of the secrets the stack knows
/// (the token, the TOTP secret, an app's secret), raw or percent-encoded, in any case.
/// </summary>
public sealed partial class SecretRedactor
{
    /// <summary>What a hidden value is replaced with.</summary>
    public const string Placeholder = "(hidden)";

    /// <summary>Shorter known secrets are not searched for (they would hide ordinary words and numbers).</summary>
    public const int MinimumSecretLength = 6;

    private readonly string[] _secrets;

    /// <summary>A redactor for <paramref name="secrets"/> (null, empty and short values are ignored) and the credential parameters.</summary>
    public SecretRedactor(IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = [.. secrets
            .Where(secret => secret is { Length: >= MinimumSecretLength })
            .SelectMany(secret => new[] { secret!, Uri.EscapeDataString(secret!) })
            .Distinct(StringComparer.OrdinalIgnoreCase)

            // Longest first, so that a secret containing another is hidden whole.
            .OrderByDescending(secret => secret.Length)];
    }

    /// <summary>Hides only credential parameters: for lines of a process that knows no secret of the stack.</summary>
    public static SecretRedactor ParametersOnly { get; } = new([]);

    /// <summary>The line with every secret replaced by <see cref="Placeholder"/>.</summary>
    public string Redact(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        foreach (var secret in _secrets)
        {
            if (line.Contains(secret, StringComparison.OrdinalIgnoreCase))
            {
                line = line.Replace(secret, Placeholder, StringComparison.OrdinalIgnoreCase);
            }
        }

        return CredentialParameter().Replace(line, match => match.Groups["name"].Value + match.Groups["equals"].Value + Placeholder);
    }

    // A name containing token, code, secret, passw(or)d or otp, then '=' (or %3D, when a whole query
    // sits percent-encoded in another parameter such as next=), then the value up to the next
    // separator: '&' (or %26), whitespace, a quote, or the end of the line.
    [GeneratedRegex(
        @"(?<name>[A-Za-z0-9_.\-]*(?:token|code|secret|passw(?:or)?d|otp)[A-Za-z0-9_.\-]*)(?<equals>=|%3[Dd])(?<value>(?:%(?!26)|[^&%\s""'<>;,])+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialParameter();
}
