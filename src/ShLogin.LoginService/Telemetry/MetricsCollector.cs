using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace ShLogin.LoginService.Telemetry;

/// <summary>
/// Keeps the current values of one <see cref="Meter"/>'s instruments, fed by a
/// <see cref="MeterListener"/>, and renders them in the Prometheus text exposition format
/// (version 0.0.4) for <c>/auth/metrics</c>.
/// </summary>
/// <remarks>
/// Only the given meter object is listened to, not every meter of that name: two services in one
/// process (as in tests) each show their own numbers. Counters become <c>NAME_total</c>, histograms
/// <c>NAME_bucket{le=...}</c>, <c>NAME_sum</c> and <c>NAME_count</c>; everything else a gauge. A unit of
/// seconds or bytes is added to the name as Prometheus expects.
/// </remarks>
internal sealed class MetricsCollector : IDisposable
{
    /// <summary>The content type of <see cref="Render"/>'s output.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>More distinct tag sets than this per instrument are dropped, so no input can grow memory without bound.</summary>
    public const int MaxSeriesPerInstrument = 1000;

    private static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private readonly Meter _meter;
    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _instruments = new();
    private readonly Lock _renderGate = new();

    public MetricsCollector(LoginMetrics metrics)
        : this(metrics?.Meter ?? throw new ArgumentNullException(nameof(metrics)))
    {
    }

    public MetricsCollector(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _meter = meter;
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, _meter) && InstrumentState.KindOf(instrument) is { } kind)
                {
                    var state = _instruments.GetOrAdd(instrument, i => new InstrumentState(i, kind));
                    listener.EnableMeasurementEvents(instrument, state);
                }
            },
            MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out InstrumentState? _),
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>((_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>The current values, observable instruments asked now, in the Prometheus text format.</summary>
    public string Render()
    {
        lock (_renderGate)
        {
            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var state in _instruments.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                if (written.Add(state.Name))
                {
                    state.WriteTo(text);
                }
            }

            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>A metric name as Prometheus accepts it: <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</summary>
    internal static string MetricName(string name) => SafeName(name, allowColon: true);

    /// <summary>A label name as Prometheus accepts it: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>, not starting with <c>__</c>.</summary>
    internal static string LabelName(string name)
    {
        var safe = SafeName(name, allowColon: false);
        return safe.StartsWith("__", StringComparison.Ordinal) ? "x" + safe : safe;
    }

    /// <summary>A label value between double quotes: backslash, double quote and line feed escaped.</summary>
    internal static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>HELP text: backslash and line feed escaped.</summary>
    internal static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string FormatValue(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string SafeName(string name, bool allowColon)
    {
        var safe = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }

        if (safe.Length == 0 || char.IsAsciiDigit(safe[0]))
        {
            safe.Insert(0, '_');
        }

        return safe.ToString();
    }

    private enum Kind
    {
        /// <summary>Adds up measurements; exposed as a counter.</summary>
        Counter,

        /// <summary>Each observation is the running total; exposed as a counter.</summary>
        ObservedCounter,

        /// <summary>Adds up measurements that may be negative; exposed as a gauge.</summary>
        Sum,

        /// <summary>The last measurement; exposed as a gauge.</summary>
        LastValue,

        Histogram,
    }

    private sealed class InstrumentState(Instrument instrument, Kind kind)
    {
        private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);

        // The series of a measurement with one tag whose value is a string (as every ShLogin metric
        // is recorded), found without building its label text: auth checks record on every request.
        private readonly ConcurrentDictionary<(string Key, string Value), Series> _byOneTag = new();
        private readonly double[] _bounds = kind == Kind.Histogram ? BoundsOf(instrument) : [];
        private readonly string _help = instrument.Description ?? "";

        public string Name { get; } = NameOf(instrument, kind);

        public static Kind? KindOf(Instrument instrument) => instrument switch
        {
            Counter<long> or Counter<int> or Counter<double> or Counter<float> => Kind.Counter,
            ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double> or ObservableCounter<float> => Kind.ObservedCounter,
            UpDownCounter<long> or UpDownCounter<int> or UpDownCounter<double> or UpDownCounter<float> => Kind.Sum,
            Histogram<long> or Histogram<int> or Histogram<double> or Histogram<float> => Kind.Histogram,
            ObservableUpDownCounter<long> or ObservableUpDownCounter<int> or ObservableUpDownCounter<double> or ObservableUpDownCounter<float> => Kind.LastValue,
            ObservableGauge<long> or ObservableGauge<int> or ObservableGauge<double> or ObservableGauge<float> => Kind.LastValue,
            Gauge<long> or Gauge<int> or Gauge<double> or Gauge<float> => Kind.LastValue,
            _ => null,
        };

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length == 1 && tags[0] is { Value: string tagValue } tag)
            {
                if (!_byOneTag.TryGetValue((tag.Key, tagValue), out var known))
                {
                    known = SeriesOf(Labels(tags));
                    if (known is null)
                    {
                        return;
                    }

                    // Bounded as the series are: a key here names a series (or the same one by another spelling).
                    if (_byOneTag.Count < MaxSeriesPerInstrument)
                    {
                        _byOneTag.TryAdd((tag.Key, tagValue), known);
                    }
                }

                known.Record(kind, value, _bounds);
                return;
            }

            SeriesOf(Labels(tags))?.Record(kind, value, _bounds);
        }

        /// <summary>The series of <paramref name="labels"/>, new if there is room; null once the instrument has its maximum.</summary>
        private Series? SeriesOf(string labels)
        {
            if (_series.TryGetValue(labels, out var series))
            {
                return series;
            }

            return _series.Count >= MaxSeriesPerInstrument ? null : _series.GetOrAdd(labels, _ => new Series(_bounds.Length));
        }

        public void WriteTo(StringBuilder text)
        {
            var type = kind switch
            {
                Kind.Counter or Kind.ObservedCounter => "counter",
                Kind.Histogram => "histogram",
                _ => "gauge",
            };
            if (_help.Length > 0)
            {
                text.Append("# HELP ").Append(Name).Append(' ').Append(EscapeHelp(_help)).Append('\n');
            }

            text.Append("# TYPE ").Append(Name).Append(' ').Append(type).Append('\n');
            foreach (var (labels, series) in _series.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                series.WriteTo(text, Name, labels, kind, _bounds);
            }
        }

        private static string NameOf(Instrument instrument, Kind kind)
        {
            var name = MetricName(instrument.Name);
            var unit = instrument.Unit switch
            {
                "s" => "_seconds",
                "ms" => "_milliseconds",
                "By" => "_bytes",
                _ => "",
            };
            if (unit.Length > 0 && !name.EndsWith(unit, StringComparison.Ordinal))
            {
                name += unit;
            }

            return kind is Kind.Counter or Kind.ObservedCounter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
        }

        private static double[] BoundsOf(Instrument instrument)
        {
            var advised = instrument switch
            {
                Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
                _ => null,
            };
            var bounds = (advised ?? DefaultBuckets).Where(b => !double.IsNaN(b) && !double.IsInfinity(b)).Distinct().Order().ToArray();
            return bounds;
        }

        private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length == 0)
            {
                return "";
            }

            var pairs = new List<(string Name, string Value)>(tags.Length);
            foreach (var tag in tags)
            {
                var name = LabelName(tag.Key);
                if (name != "le" && !pairs.Exists(p => p.Name == name))
                {
                    pairs.Add((name, Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? ""));
                }
            }

            pairs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return string.Join(",", pairs.Select(p => $"{p.Name}=\"{EscapeLabelValue(p.Value)}\""));
        }
    }

    private sealed class Series(int bucketCount)
    {
        private readonly Lock _gate = new();
        private readonly long[] _buckets = new long[bucketCount];
        private double _value;
        private long _count;

        public void Record(Kind kind, double value, double[] bounds)
        {
            lock (_gate)
            {
                switch (kind)
                {
                    case Kind.Counter:
                        // A counter only goes up; a negative measurement is a bug of its caller.
                        _value += value > 0 ? value : 0;
                        break;
                    case Kind.Sum:
                        _value += value;
                        break;
                    case Kind.Histogram:
                        if (double.IsNaN(value))
                        {
                            return;
                        }

                        var bucket = 0;
                        while (bucket < bounds.Length && value > bounds[bucket])
                        {
                            bucket++;
                        }

                        if (bucket < bounds.Length)
                        {
                            _buckets[bucket]++;
                        }

                        _value += value;
                        _count++;
                        break;
                    default:
                        _value = value;
                        break;
                }
            }
        }

        public void WriteTo(StringBuilder text, string name, string labels, Kind kind, double[] bounds)
        {
            lock (_gate)
            {
                if (kind != Kind.Histogram)
                {
                    text.Append(name).Append(Braced(labels)).Append(' ').Append(FormatValue(_value)).Append('\n');
                    return;
                }

                var prefix = labels.Length == 0 ? "" : labels + ",";
                long cumulative = 0;
                for (var i = 0; i < bounds.Length; i++)
                {
                    cumulative += _buckets[i];
                    text.Append(name).Append("_bucket{").Append(prefix).Append("le=\"").Append(FormatValue(bounds[i])).Append("\"} ")
                        .Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
                }

                var count = _count.ToString(CultureInfo.InvariantCulture);
                text.Append(name).Append("_bucket{").Append(prefix).Append("le=\"+Inf\"} ").Append(count).Append('\n');
                text.Append(name).Append("_sum").Append(Braced(labels)).Append(' ').Append(FormatValue(_value)).Append('\n');
                text.Append(name).Append("_count").Append(Braced(labels)).Append(' ').Append(count).Append('\n');
            }
        }

        private static string Braced(string labels) => labels.Length == 0 ? "" : "{" + labels + "}";
    }
}
