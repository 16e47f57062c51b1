using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using ShLogin.Configuration;

namespace ShLogin.LoginService.Tests.TestSupport;

/// <summary>The real login service on an in-process test server, with a fake clock and its own data directory.</summary>
internal sealed class LoginServiceHost : IAsyncDisposable
{
    private readonly TemporaryDirectory? _ownedDirectory;

    private LoginServiceHost(WebApplication app, LoginServiceOptions options, FakeTimeProvider time, TemporaryDirectory? ownedDirectory)
    {
        App = app;
        Options = options;
        Time = time;
        _ownedDirectory = ownedDirectory;
    }

    public WebApplication App { get; }

    public LoginServiceOptions Options { get; }

    public FakeTimeProvider Time { get; }

    public static FakeTimeProvider NewClock() =>
        // Mid-step, so that tests moving a few seconds stay within one TOTP step.
        new(new DateTimeOffset(2031, 5, 17, 10, 20, 10, TimeSpan.Zero));

    public static LoginServiceOptions OptionsFor(
        AuthMode mode,
        string dataDirectory,
        FakeTimeProvider time,
        SecureCookieMode secureCookie = SecureCookieMode.Auto,
        string? cookieDomain = null) => new()
        {
            Mode = mode,
            Token = mode is AuthMode.Token or AuthMode.TokenAndTotp ? TestSecrets.Token : null,
            TotpSecret = mode is AuthMode.Totp or AuthMode.TokenAndTotp ? TestSecrets.TotpKey : null,
            DataDirectory = dataDirectory,
            TimeProvider = time,
            SecureCookie = secureCookie,
            CookieDomain = cookieDomain,
        };

    public static Task<LoginServiceHost> StartAsync(AuthMode mode = AuthMode.Token)
    {
        var directory = new TemporaryDirectory();
        var time = NewClock();
        return StartAsync(OptionsFor(mode, directory.Combine("data"), time), directory);
    }

    /// <summary>Starts a host on given options; <paramref name="ownedDirectory"/> is deleted with the host.</summary>
    public static async Task<LoginServiceHost> StartAsync(LoginServiceOptions options, TemporaryDirectory? ownedDirectory = null)
    {
        var time = options.TimeProvider as FakeTimeProvider
            ?? throw new ArgumentException("Tests run the service on a FakeTimeProvider.", nameof(options));
        var app = LoginServiceApp.Create(options, urls: null, builder => builder.WebHost.UseTestServer());
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new LoginServiceHost(app, options, time, ownedDirectory);
    }

    /// <summary>A host around an app a test built and started itself; <paramref name="ownedDirectory"/> is deleted with it.</summary>
    public static LoginServiceHost Wrap(WebApplication app, LoginServiceOptions options, TemporaryDirectory? ownedDirectory) =>
        new(app, options, options.TimeProvider as FakeTimeProvider
            ?? throw new ArgumentException("Tests run the service on a FakeTimeProvider.", nameof(options)), ownedDirectory);

    public FormBrowser NewBrowser(string? realIp = null) => new(App.GetTestClient()) { RealIp = realIp };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        _ownedDirectory?.Dispose();
    }
}
