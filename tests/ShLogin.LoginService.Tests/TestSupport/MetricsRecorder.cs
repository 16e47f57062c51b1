using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using ShLogin.LoginService.Telemetry;

namespace ShLogin.LoginService.Tests.TestSupport;

/// <summary>Every measurement one host's login meter makes, seen through a <see cref="MeterListener"/> of the test's own.</summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener;
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public MetricsRecorder(LoginServiceHost host)
    {
        var meter = host.App.Services.GetRequiredService<LoginMetrics>().Meter;
        _listener = new MeterListener
        {
            // Only this host's meter: tests running at the same time have meters of the same name.
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public IReadOnlyList<Measurement> Measurements => [.. _measurements];

    /// <summary>The sum of the instrument's measurements, of those with the tag when one is given.</summary>
    public double Sum(string instrument, string? tag = null, string? value = null) =>
        Of(instrument, tag, value).Sum(m => m.Value);

    /// <summary>The instrument's measurements, of those with the tag when one is given.</summary>
    public IReadOnlyList<Measurement> Of(string instrument, string? tag = null, string? value = null) =>
        Measurements
            .Where(m => m.Instrument == instrument && (tag is null || (m.Tags.TryGetValue(tag, out var v) && v == value)))
            .ToList();

    /// <summary>Asks the observable instruments for their values now; returns the latest value of <paramref name="instrument"/>.</summary>
    public double Observe(string instrument)
    {
        _listener.RecordObservableInstruments();
        return Of(instrument)[^1].Value;
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value?.ToString();
        }

        _measurements.Enqueue(new Measurement(instrument.Name, value, copy));
    }

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);
}
