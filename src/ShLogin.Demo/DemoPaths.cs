using ShLogin.Nginx;

namespace ShLogin.Demo;

/// <summary>The addresses the demo app answers; every other path shows the request page.</summary>
public static class DemoPaths
{
    /// <summary>The page showing the request it received (any other path shows it too).</summary>
    public const string Page = "/";

    /// <summary>WebSocket echo: every text or binary message comes back unchanged.</summary>
    public const string WebSocket = "/ws";

    /// <summary>The request as JSON: <c>method</c>, <c>target</c>, <c>protocol</c>, <c>user</c>, <c>headers</c>.</summary>
    public const string RequestApi = "/api/request";

    /// <summary><c>200</c> once the app answers; for readiness probes.</summary>
    public const string Health = "/healthz";

    /// <summary>ShLogin's logout page, linked from the page.</summary>
    public const string Logout = NginxAuthContract.PathPrefix + "logout";
}
