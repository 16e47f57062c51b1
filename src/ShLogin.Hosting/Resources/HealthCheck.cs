using ShLogin.Stack;

namespace ShLogin.Hosting.Resources;

/// <summary>An HTTP GET that tells whether a resource is ready: any answer below 500 means yes.</summary>
/// <param name="Endpoint">Where to send it.</param>
/// <param name="Path">The path requested, e.g. <c>/auth/healthz</c>.</param>
/// <param name="Host">Host header to send; null for the endpoint's own.</param>
public sealed record HealthCheck(EndpointReference Endpoint, string Path, string? Host = null);
