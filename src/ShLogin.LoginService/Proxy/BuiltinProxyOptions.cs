using ShLogin.Nginx;

namespace ShLogin.LoginService.Proxy;

/// <summary>
/// The built-in proxy: the login service itself listens on the public port (where nginx would)
/// and forwards every request with a valid session to the app, as the generated nginx site does.
/// </summary>
/// <remarks>A class rather than a record so that no generated <c>ToString</c> prints the app's secret.</remarks>
public sealed class BuiltinProxyOptions
{
    /// <summary>Where browsers connect (nginx's <c>listen</c>).</summary>
    public required ListenEndpoint Listen { get; init; }

    /// <summary>Where the app answers: its unix socket or a loopback port.</summary>
    public required Upstream App { get; init; }

    /// <summary>A header added to every request forwarded to the app (e.g. Jupyter's token for a loopback port), or null.</summary>
    public AppSecretHeader? AppSecretHeader { get; init; }

    /// <summary>Forward to the app only while this file exists (the supervisor's port guard), or null to always forward.</summary>
    public string? AppAvailableFile { get; init; }

    /// <summary>The URL Kestrel listens on for <see cref="Listen"/>.</summary>
    public string ListenUrl => Listen.Address is null ? $"http://0.0.0.0:{Listen.Port}" : $"http://{Bracketed(Listen.Address)}:{Listen.Port}";

    /// <inheritdoc />
    public override string ToString() => $"{Listen} -> {App}" + (AppSecretHeader is null ? string.Empty : $" with {AppSecretHeader}");

    private static string Bracketed(string host) => host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]" : host;
}
