using ShLogin.OtpServer.Storage;

namespace ShLogin.OtpServer.Verification;

/// <summary>The outcome of a check: the status, the authenticated entry when <see cref="CheckStatus.Ok"/>, the wait when throttled.</summary>
public sealed record CheckResult(CheckStatus Status, OtpEntry? Entry = null, TimeSpan RetryAfter = default)
{
    /// <summary>Wrong own credentials.</summary>
    public static CheckResult WrongCredentials { get; } = new(CheckStatus.WrongCredentials);

    /// <summary>Not permitted.</summary>
    public static CheckResult Forbidden { get; } = new(CheckStatus.Forbidden);

    /// <summary>Throttled for <paramref name="wait"/>.</summary>
    public static CheckResult Throttled(TimeSpan wait) => new(CheckStatus.Throttled, RetryAfter: wait);

    /// <summary>Accepted, as <paramref name="entry"/>.</summary>
    public static CheckResult Ok(OtpEntry entry) => new(CheckStatus.Ok, entry);
}
