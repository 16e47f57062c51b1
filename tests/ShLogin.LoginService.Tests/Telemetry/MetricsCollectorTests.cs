using System.Diagnostics.Metrics;
using ShLogin.LoginService.Telemetry;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Telemetry;

public class MetricsCollectorTests
{
    [Fact]
    public void Hostile_label_values_are_escaped_and_read_back_unchanged()
    {
        using var meter = new Meter("ShLogin.Tests.Hostile");
        using var collector = new MetricsCollector(meter);
        var counter = meter.CreateCounter<long>("test.hostile", description: "help with \\ and\na line feed");
        string[] values = ["a\"b\\c\nd", "", "\\", "\"", "\n\n", "}", "{x=\"y\"}", ",le=\"1\"", "\\n", "tab\there", "é ü \u2028", "# TYPE x counter", "\r"];
        foreach (var value in values)
        {
            counter.Add(1, new KeyValuePair<string, object?>("v", value));
        }

        var text = collector.Render();
        var family = PrometheusText.Parse(text)["test_hostile_total"];

        Assert.Equal("help with \\ and\na line feed", family.Help);
        Assert.Equal(values.Order(StringComparer.Ordinal), family.Samples.Select(s => s.Label("v")!).Order(StringComparer.Ordinal));
        Assert.All(family.Samples, s => Assert.Equal(1, s.Value));
        Assert.Contains("{v=\"a\\\"b\\\\c\\nd\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_hostile_values_and_names_always_render_as_valid_text()
    {
        using var meter = new Meter("ShLogin.Tests.Random");
        using var collector = new MetricsCollector(meter);
        var hostile = new HostileInput(seed: 4242);
        var expected = new HashSet<string>(StringComparer.Ordinal);
        var counter = meter.CreateCounter<long>("test.random-name/with spaces");
        for (var i = 0; i < 300; i++)
        {
            // Lone surrogates cannot be written as UTF-8 by any client; they are not label values.
            var value = hostile.AnyText(80);
            if (!value.Any(char.IsSurrogate))
            {
                expected.Add(value);
                counter.Add(1, new KeyValuePair<string, object?>("label-" + hostile.Below(3) + "!", value));
            }
        }

        var family = PrometheusText.Parse(collector.Render())["test_random_name_with_spaces_total"];

        Assert.Subset(expected, family.Samples.SelectMany(s => s.Labels.Values).ToHashSet(StringComparer.Ordinal));
        Assert.Equal(expected.Count, family.Samples.SelectMany(s => s.Labels.Values).ToHashSet(StringComparer.Ordinal).Count);
        Assert.All(family.Samples, s => Assert.Matches("^label_[0-2]_$", Assert.Single(s.Labels.Keys)));
    }

    [Fact]
    public void A_histogram_has_cumulative_buckets_a_sum_and_a_count()
    {
        using var meter = new Meter("ShLogin.Tests.Histogram");
        using var collector = new MetricsCollector(meter);
        var histogram = meter.CreateHistogram(
            "test.latency", "s", "latency", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1, 10] });
        foreach (var value in new[] { 0.05, 0.1, 0.5, 2, 20 })
        {
            histogram.Record(value, new KeyValuePair<string, object?>("result", "ok"));
        }

        var family = PrometheusText.Parse(collector.Render())["test_latency_seconds"];

        Assert.Equal("histogram", family.Type);
        Assert.Equal(2, family.Value("test_latency_seconds_bucket", ("result", "ok"), ("le", "0.1")));
        Assert.Equal(3, family.Value("test_latency_seconds_bucket", ("result", "ok"), ("le", "1")));
        Assert.Equal(4, family.Value("test_latency_seconds_bucket", ("result", "ok"), ("le", "10")));
        Assert.Equal(5, family.Value("test_latency_seconds_bucket", ("result", "ok"), ("le", "+Inf")));
        Assert.Equal(22.65, family.Value("test_latency_seconds_sum", ("result", "ok")), precision: 9);
        Assert.Equal(5, family.Value("test_latency_seconds_count", ("result", "ok")));
    }

    [Fact]
    public void Gauges_up_down_counters_and_observed_counters_are_typed_as_prometheus_expects()
    {
        using var meter = new Meter("ShLogin.Tests.Kinds");
        using var collector = new MetricsCollector(meter);
        var level = 3;
        meter.CreateObservableGauge("test.level", () => level);
        meter.CreateObservableCounter("test.observed", () => 41L);
        var upDown = meter.CreateUpDownCounter<int>("test.queue");
        upDown.Add(5);
        upDown.Add(-2);
        level = 7;

        var families = PrometheusText.Parse(collector.Render());

        Assert.Equal(("gauge", 7.0), (families["test_level"].Type, families["test_level"].Value()));
        Assert.Equal(("counter", 41.0), (families["test_observed_total"].Type, families["test_observed_total"].Value()));
        Assert.Equal(("gauge", 3.0), (families["test_queue"].Type, families["test_queue"].Value()));
    }

    [Fact]
    public void Only_the_given_meter_is_shown_not_another_of_the_same_name()
    {
        using var mine = new Meter(LoginMetrics.MeterName);
        using var other = new Meter(LoginMetrics.MeterName);
        using var collector = new MetricsCollector(mine);
        mine.CreateCounter<long>("test.mine").Add(1);
        other.CreateCounter<long>("test.other").Add(1);

        var families = PrometheusText.Parse(collector.Render());

        Assert.Equal(["test_mine_total"], families.Keys);
    }

    [Fact]
    public void The_number_of_series_is_bounded()
    {
        using var meter = new Meter("ShLogin.Tests.Bounded");
        using var collector = new MetricsCollector(meter);
        var counter = meter.CreateCounter<long>("test.many");
        for (var i = 0; i < MetricsCollector.MaxSeriesPerInstrument + 50; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("i", i));
        }

        Assert.Equal(MetricsCollector.MaxSeriesPerInstrument, PrometheusText.Parse(collector.Render())["test_many_total"].Samples.Count);
    }

    [Fact]
    public void Repeated_measurements_with_one_text_tag_add_up_in_their_series_and_stay_bounded()
    {
        using var meter = new Meter("ShLogin.Tests.OneTag");
        using var collector = new MetricsCollector(meter);
        var counter = meter.CreateCounter<long>("test.repeated");
        var spellings = meter.CreateCounter<long>("test.spellings");
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < MetricsCollector.MaxSeriesPerInstrument + 50; i++)
            {
                counter.Add(1, new KeyValuePair<string, object?>("v", "value " + i));
            }

            // Two tag names Prometheus spells alike are one series, whichever came first.
            spellings.Add(1, new KeyValuePair<string, object?>("a-b", "same"));
            spellings.Add(1, new KeyValuePair<string, object?>("a_b", "same"));
        }

        var families = PrometheusText.Parse(collector.Render());

        var repeated = families["test_repeated_total"].Samples;
        Assert.Equal(MetricsCollector.MaxSeriesPerInstrument, repeated.Count);
        Assert.All(repeated, s => Assert.Equal(3, s.Value));
        Assert.Equal(6, families["test_spellings_total"].Value("test_spellings_total", ("a_b", "same")));
    }

    [Fact]
    public void The_strict_parser_rejects_what_a_scraper_would_misread()
    {
        string[] broken =
        [
            "x_total 1\n",
            "# TYPE x_total counter\nx_total{a=\"b\"} 1",
            "# TYPE x_total counter\nx_total{a=\"b\nc\"} 1\n",
            "# TYPE x_total counter\nx_total{a=\"b\\q\"} 1\n",
            "# TYPE x_total counter\nx_total{a=\"b\",a=\"c\"} 1\n",
            "# TYPE x_total counter\nx_total{a=b} 1\n",
            "# TYPE x_total counter\nx_total -1\n",
            "# TYPE x counter\nx 1\n",
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n",
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n",
            "# TYPE g gauge\ng one\n",
        ];

        Assert.All(broken, text => Assert.Throws<FormatException>(() => PrometheusText.Parse(text)));
    }
}
