using System.Collections;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ShLogin.LoginService.Telemetry;

/// <summary>
/// OTLP export of the login service's logs, traces and metrics, switched on by the standard
/// OpenTelemetry variables (.NET Aspire sets them for its resources). Without an endpoint
/// nothing of OpenTelemetry is registered: no exporter, no provider, no connection attempt.
/// </summary>
/// <remarks>
/// <para>
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> exports all three signals (each may be redirected by its
/// <c>OTEL_EXPORTER_OTLP_{LOGS,TRACES,METRICS}_ENDPOINT</c>); without it only the signals with an
/// endpoint of their own are exported. <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>,
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, headers, timeouts and export intervals are read by the
/// OpenTelemetry SDK itself. <c>OTEL_SDK_DISABLED=true</c> turns it all off.
/// </para>
/// <para>
/// The service reads no other configuration from the environment, so only <c>OTEL_*</c> variables
/// are handed to the SDK. Traces never carry the query string (the one-click login URL holds the
/// token in <c>?token=</c>) nor the client's address.
/// </para>
/// </remarks>
internal static class OpenTelemetryExport
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string LogsEndpointVariable = "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT";
    public const string TracesEndpointVariable = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    public const string MetricsEndpointVariable = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT";
    public const string DisabledVariable = "OTEL_SDK_DISABLED";

    private const string VariablePrefix = "OTEL_";
    private const string HealthPath = Endpoints.HealthEndpoint.Path;

    /// <summary>Tags the ASP.NET Core instrumentation may set that could carry a secret or a client's address.</summary>
    internal static readonly string[] DroppedRequestTags =
        ["url.query", "url.full", "http.target", "http.url", "client.address", "client.port", "network.peer.address", "network.peer.port"];

    /// <summary>The <c>OTEL_*</c> variables of this process.</summary>
    public static IReadOnlyDictionary<string, string> ProcessVariables()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && name.StartsWith(VariablePrefix, StringComparison.Ordinal) && entry.Value is string value)
            {
                variables[name] = value;
            }
        }

        return variables;
    }

    /// <summary>Registers OTLP export when <paramref name="variables"/> name an endpoint; returns whether it did.</summary>
    public static bool AddIfConfigured(WebApplicationBuilder builder, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(variables);

        var otel = variables
            .Where(pair => pair.Key.StartsWith(VariablePrefix, StringComparison.Ordinal))
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        if (string.Equals(Value(otel, DisabledVariable), "true", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var all = Value(otel, EndpointVariable) is not null;
        var logs = all || Value(otel, LogsEndpointVariable) is not null;
        var traces = all || Value(otel, TracesEndpointVariable) is not null;
        var metrics = all || Value(otel, MetricsEndpointVariable) is not null;
        if (!logs && !traces && !metrics)
        {
            return false;
        }

        // The SDK reads its settings (service name, resource attributes, protocol, ...) from IConfiguration.
        builder.Configuration.AddInMemoryCollection(otel.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)));

        var telemetry = builder.Services.AddOpenTelemetry();
        if (logs)
        {
            telemetry.WithLogging(
                logging =>
                {
                    if (!all)
                    {
                        logging.AddOtlpExporter(exporter => UseSignalEndpoint(exporter, otel, "LOGS"));
                    }
                },
                options =>
                {
                    options.IncludeFormattedMessage = true;
                    options.IncludeScopes = false;
                });
        }

        if (traces)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(aspNetCore =>
                {
                    // The supervisor's and Aspire's health probes would drown the requests worth seeing.
                    aspNetCore.Filter = context => !context.Request.Path.Equals(HealthPath, StringComparison.OrdinalIgnoreCase);
                    aspNetCore.EnrichWithHttpRequest = DropSensitiveTags;
                });
                if (!all)
                {
                    tracing.AddOtlpExporter(exporter => UseSignalEndpoint(exporter, otel, "TRACES"));
                }
            });
        }

        if (metrics)
        {
            telemetry.WithMetrics(meters =>
            {
                meters.AddMeter(LoginMetrics.MeterName).AddAspNetCoreInstrumentation();
                if (!all)
                {
                    meters.AddOtlpExporter(exporter => UseSignalEndpoint(exporter, otel, "METRICS"));
                }
            });
        }

        if (all)
        {
            // One exporter per signal; OTEL_EXPORTER_OTLP_{SIGNAL}_* override the shared settings.
            telemetry.UseOtlpExporter();
        }

        return true;
    }

    /// <summary>Removes what could carry a secret (the query) or a client's address from a request's activity.</summary>
    internal static void DropSensitiveTags(Activity activity, HttpRequest request)
    {
        foreach (var tag in DroppedRequestTags)
        {
            activity.SetTag(tag, null);
        }
    }

    // An endpoint of the signal's own is used as given (no /v1/... appended), as the specification says.
    private static void UseSignalEndpoint(OtlpExporterOptions exporter, IReadOnlyDictionary<string, string> otel, string signal)
    {
        if (Value(otel, $"OTEL_EXPORTER_OTLP_{signal}_ENDPOINT") is { } endpoint && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            exporter.Endpoint = uri;
        }

        var protocol = Value(otel, $"OTEL_EXPORTER_OTLP_{signal}_PROTOCOL") ?? Value(otel, "OTEL_EXPORTER_OTLP_PROTOCOL");
        if (protocol is not null)
        {
            exporter.Protocol = protocol.Trim().ToLowerInvariant() switch
            {
                "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
                _ => OtlpExportProtocol.Grpc,
            };
        }
    }

    private static string? Value(IReadOnlyDictionary<string, string> variables, string name) =>
        variables.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
