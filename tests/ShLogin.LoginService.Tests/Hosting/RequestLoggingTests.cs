using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShLogin.Configuration;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Hosting;

/// <summary>
/// What the login service logs, at the levels it has enabled, never names a request's URL, query
/// or form: no token, no code, however a sign-in goes.
/// </summary>
public sealed class RequestLoggingTests
{
    [Fact]
    public async Task No_enabled_category_logs_requests()
    {
        await using var host = await StartAsync(new CapturingLoggerProvider(), AuthMode.TokenAndTotp);
        var factory = host.App.Services.GetRequiredService<ILoggerFactory>();

        foreach (var category in new[] { "Microsoft.AspNetCore.Hosting.Diagnostics", "Microsoft.AspNetCore.Routing.EndpointMiddleware", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Antiforgery", "Microsoft.AspNetCore.Authentication" })
        {
            Assert.False(factory.CreateLogger(category).IsEnabled(LogLevel.Information), $"{category} logs at Information");
        }
    }

    [Theory]
    [InlineData(AuthMode.Token)]
    [InlineData(AuthMode.TokenAndTotp)]
    public async Task Sign_ins_right_wrong_and_malformed_leave_no_secret_in_the_log(AuthMode mode)
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await StartAsync(logs, mode);
        var code = TestSecrets.CodeAt(host.Time.GetUtcNow());
        KeyValuePair<string, string>[] credentials = [new("token", TestSecrets.Token), new("code", code)];
        var tooMany = credentials.Concat(Enumerable.Range(0, 40).Select(i => new KeyValuePair<string, string>("f" + i, TestSecrets.Token)));

        // Each from a browser of its own, since a signed-in one is sent on from the login page.
        await SendAsync(host, browser => browser.GetAsync("/auth/login?token=" + Uri.EscapeDataString(TestSecrets.Token) + "&code=" + code));
        await SendAsync(host, browser => browser.GetAsync("/auth/login?token=" + TestSecrets.Token + "x"));
        await SendAsync(host, browser => browser.PostFormAsync("/auth/login", credentials));
        await SendAsync(host, browser => browser.PostFormAsync("/auth/login", tooMany));
        await SendAsync(host, browser => browser.LoginAsync(TestSecrets.Token, mode == AuthMode.Token ? null : TestSecrets.CodeAt(host.Time.GetUtcNow().AddSeconds(30))));
        await SendAsync(host, browser => browser.LoginAsync(TestSecrets.Token + "y", mode == AuthMode.Token ? null : TestSecrets.WrongCodeAt(host.Time.GetUtcNow())));

        foreach (var line in logs.Lines)
        {
            Assert.DoesNotContain(TestSecrets.Token, line, StringComparison.Ordinal);
            Assert.DoesNotContain(code, line, StringComparison.Ordinal);
            Assert.DoesNotContain("/auth/login?", line, StringComparison.Ordinal);
        }
    }

    private static async Task SendAsync(LoginServiceHost host, Func<FormBrowser, Task<HttpResponseMessage>> request)
    {
        using var browser = host.NewBrowser(realIp: "192.0.2.7");
        using var response = await request(browser);
    }

    private static async Task<LoginServiceHost> StartAsync(CapturingLoggerProvider logs, AuthMode mode)
    {
        var directory = new TemporaryDirectory();
        var options = LoginServiceHost.OptionsFor(mode, directory.Combine("data"), LoginServiceHost.NewClock());

        // Added after the service's own logging setup, so it sees exactly the levels and filters the console sees.
        var app = LoginServiceApp.Create(options, urls: null, builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Logging.AddProvider(logs);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return LoginServiceHost.Wrap(app, options, directory);
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IEnumerable<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
