using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ShLogin.Configuration;
using ShLogin.LoginService.Telemetry;
using ShLogin.LoginService.Tests.TestSupport;
using ShLogin.Testing.Network;

namespace ShLogin.LoginService.Tests.Telemetry;

public class OpenTelemetryExportTests
{
    [Fact]
    public async Task Without_an_endpoint_nothing_of_OpenTelemetry_is_registered()
    {
        // Variables Aspire sets besides the endpoint: on their own they switch nothing on.
        await using var host = await StartAsync(new Dictionary<string, string>
        {
            ["OTEL_SERVICE_NAME"] = "login",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=1",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = " ",
        });

        Assert.Null(host.App.Services.GetService<MeterProvider>());
        Assert.Null(host.App.Services.GetService<TracerProvider>());
        Assert.Null(host.App.Services.GetService<LoggerProvider>());
        using var login = await host.NewBrowser().LoginAsync(TestSecrets.Token);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
    }

    [Fact]
    public async Task With_an_endpoint_logs_traces_and_metrics_are_registered_and_an_absent_collector_does_no_harm()
    {
        await using var host = await StartAsync(new Dictionary<string, string>
        {
            [OpenTelemetryExport.EndpointVariable] = $"http://127.0.0.1:{FreePort.Next()}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "login",
        });

        Assert.NotNull(host.App.Services.GetService<MeterProvider>());
        Assert.NotNull(host.App.Services.GetService<TracerProvider>());
        Assert.NotNull(host.App.Services.GetService<LoggerProvider>());
        var browser = host.NewBrowser();
        using var login = await browser.LoginAsync(TestSecrets.Token);
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, await browser.CheckAsync());
    }

    [Fact]
    public async Task A_signal_endpoint_of_its_own_exports_only_that_signal()
    {
        await using var host = await StartAsync(new Dictionary<string, string>
        {
            [OpenTelemetryExport.MetricsEndpointVariable] = $"http://127.0.0.1:{FreePort.Next()}/v1/metrics",
        });

        Assert.NotNull(host.App.Services.GetService<MeterProvider>());
        Assert.Null(host.App.Services.GetService<TracerProvider>());
        Assert.Null(host.App.Services.GetService<LoggerProvider>());
    }

    [Fact]
    public async Task OTEL_SDK_DISABLED_turns_export_off()
    {
        await using var host = await StartAsync(new Dictionary<string, string>
        {
            [OpenTelemetryExport.EndpointVariable] = $"http://127.0.0.1:{FreePort.Next()}",
            [OpenTelemetryExport.DisabledVariable] = "true",
        });

        Assert.Null(host.App.Services.GetService<MeterProvider>());
        Assert.Null(host.App.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task Traces_of_a_login_carry_neither_the_token_nor_the_query_nor_the_address()
    {
        // A token of this test's own: other tests running now sign in with the shared one.
        var token = "trace-secret-" + Guid.NewGuid().ToString("N");
        const string address = "198.51.100.91";
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        using var directory = new TemporaryDirectory();
        var time = LoginServiceHost.NewClock();
        var options = new LoginServiceOptions
        {
            Mode = AuthMode.Token,
            Token = token,
            DataDirectory = directory.Combine("data"),
            TimeProvider = time,
        };
        await using var host = await StartAsync(
            options,
            new Dictionary<string, string> { [OpenTelemetryExport.EndpointVariable] = $"http://127.0.0.1:{FreePort.Next()}" });
        var browser = host.NewBrowser(address);
        var linkTrace = ActivityTraceId.CreateRandom();
        var formTrace = ActivityTraceId.CreateRandom();

        using var link = await browser.SendAsync(Traced(HttpMethod.Get, $"/auth/login?token={token}&next=%2Flab", linkTrace));
        var formBrowser = host.NewBrowser(address);
        var antiforgery = await formBrowser.AntiforgeryTokenFromAsync("/auth/login");
        var post = Traced(HttpMethod.Post, "/auth/login?token=" + token, formTrace);
        post.Content = new FormUrlEncodedContent([new(FormBrowser.AntiforgeryField, antiforgery), new("token", token)]);
        using var form = await formBrowser.SendAsync(post);
        using var metrics = await browser.GetAsync("/auth/metrics");
        var metricsText = await metrics.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.SeeOther, link.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, form.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.DoesNotContain(token, metricsText, StringComparison.Ordinal);
        Assert.DoesNotContain(address, metricsText, StringComparison.Ordinal);

        // A server span ends just after its answer is sent: wait for both, bounded.
        var spans = await WaitForAsync(() =>
        {
            var found = stopped.Where(a => a.TraceId == linkTrace || a.TraceId == formTrace).ToList();
            return found.Count == 2 ? found : null;
        });
        foreach (var span in spans)
        {
            // The instrumentation did enrich the span (so the test sees what would be exported)...
            Assert.Equal("/auth/login", span.GetTagItem("url.path"));
            Assert.Equal(303, span.GetTagItem("http.response.status_code"));
            Assert.NotNull(span.GetTagItem("url.scheme"));

            // ...and nothing of it holds the query, the token or the client's address.
            Assert.All(OpenTelemetryExport.DroppedRequestTags, tag => Assert.Null(span.GetTagItem(tag)));
            foreach (var text in Texts(span))
            {
                Assert.DoesNotContain(token, text, StringComparison.Ordinal);
                Assert.DoesNotContain(address, text, StringComparison.Ordinal);
            }
        }

        Assert.Contains(spans, a => Equals(a.GetTagItem("http.request.method"), "POST"));
        Assert.Contains(spans, a => Equals(a.GetTagItem("http.request.method"), "GET"));
    }

    [Fact]
    public void The_filter_drops_the_query_even_where_the_instrumentation_would_keep_it()
    {
        using var activity = new Activity("request");
        activity.SetTag("url.query", "?token=abc");
        activity.SetTag("http.target", "/auth/login?token=abc");
        activity.SetTag("client.address", "203.0.113.5");
        activity.SetTag("url.path", "/auth/login");

        OpenTelemetryExport.DropSensitiveTags(activity, new Microsoft.AspNetCore.Http.DefaultHttpContext().Request);

        Assert.Equal([new KeyValuePair<string, string?>("url.path", "/auth/login")], activity.Tags);
    }

    private static HttpRequestMessage Traced(HttpMethod method, string target, ActivityTraceId trace)
    {
        var request = new HttpRequestMessage(method, target);
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return request;
    }

    private static IEnumerable<string> Texts(Activity activity)
    {
        yield return activity.DisplayName;
        yield return activity.OperationName;
        yield return activity.TraceStateString ?? "";
        yield return activity.StatusDescription ?? "";
        foreach (var tag in activity.TagObjects)
        {
            yield return tag.Key + "=" + tag.Value;
        }

        foreach (var item in activity.Baggage)
        {
            yield return item.Key + "=" + item.Value;
        }

        foreach (var activityEvent in activity.Events)
        {
            yield return activityEvent.Name;
            foreach (var tag in activityEvent.Tags)
            {
                yield return tag.Key + "=" + tag.Value;
            }
        }
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> find)
        where T : class
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            if (find() is { } found)
            {
                return found;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    private static Task<LoginServiceHost> StartAsync(IReadOnlyDictionary<string, string> variables)
    {
        var directory = new TemporaryDirectory();
        var options = LoginServiceHost.OptionsFor(AuthMode.Token, directory.Combine("data"), LoginServiceHost.NewClock());
        return StartAsync(options, variables, directory);
    }

    private static async Task<LoginServiceHost> StartAsync(LoginServiceOptions options, IReadOnlyDictionary<string, string> variables, TemporaryDirectory? directory = null)
    {
        var app = LoginServiceApp.Create(options, urls: null, builder => builder.WebHost.UseTestServer(), variables);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return LoginServiceHost.Wrap(app, options, directory);
    }
}
