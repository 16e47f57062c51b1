namespace ShLogin.Nginx;

/// <summary>
/// A header nginx adds to every request it forwards to an app on a loopback port, so that only
/// nginx can use that port (e.g. <c>Authorization: token …</c> for Jupyter). The value ends up in
/// the generated config, which lives in the private runtime directory; it never appears in
/// process arguments and <see cref="ToString"/> does not print it.
/// </summary>
public sealed record AppSecretHeader
{
    private static readonly string[] HeadersSetByShLogin =
    [
        "Host", "Connection", "Upgrade", "Content-Length", "Transfer-Encoding",
        "X-ShLogin-User", "X-Real-IP", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host",
    ];

    /// <summary>Creates the header.</summary>
    /// <exception cref="ArgumentException">The name is not an HTTP token, is a header nginx already sets, or the value is not printable ASCII nginx can take.</exception>
    public AppSecretHeader(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentException($"App secret header name {Printable.Of(name)} must be letters, digits and '-'.", nameof(name));
        }

        if (HeadersSetByShLogin.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"App secret header name {Printable.Of(name)} is a header nginx already sets for the app.", nameof(name));
        }

        // The value itself is never echoed: it is a secret.
        if (value.Length == 0 || value.Trim().Length != value.Length || !value.All(c => c is >= ' ' and <= '~'))
        {
            throw new ArgumentException("The app secret header value must be printable ASCII without leading or trailing spaces.", nameof(value));
        }

        if (NginxValue.FindProblem(value) is not null)
        {
            throw new ArgumentException("The app secret header value must not contain any of \"'\\$;{}.", nameof(value));
        }

        Name = name;
        Value = value;
    }

    /// <summary>The header name, e.g. <c>Authorization</c>.</summary>
    public string Name { get; }

    /// <summary>The secret value, e.g. <c>token 3f9…</c>.</summary>
    public string Value { get; }

    /// <summary>The header name with the value hidden.</summary>
    public override string ToString() => $"{Name}: (secret)";
}
