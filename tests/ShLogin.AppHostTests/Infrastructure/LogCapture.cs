using System.Collections.Concurrent;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ShLogin.AppHostTests.Infrastructure;

/// <summary>
/// Keeps every line logged in the AppHost under test: its own, and the resources' console output,
/// which Aspire.Hosting.Testing forwards to the host's loggers (category <c>…Resources.NAME</c>),
/// the same lines the dashboard shows.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, string Line)> _lines = new();

    /// <summary>Every line so far, with its category.</summary>
    public IReadOnlyList<(string Category, string Line)> Lines => [.. _lines];

    /// <summary>The lines of the resource <paramref name="name"/>'s console.</summary>
    public IReadOnlyList<string> ResourceLines(string name) =>
        [.. _lines.Where(entry => entry.Category.EndsWith(".Resources." + name, StringComparison.Ordinal)).Select(entry => entry.Line)];

    /// <summary>Adds this provider to <paramref name="builder"/>'s loggers.</summary>
    public void AddTo(IDistributedApplicationTestingBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ILoggerProvider>(this);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            lines.Enqueue((category, formatter(state, exception) + (exception is null ? string.Empty : " " + exception)));
        }
    }
}
