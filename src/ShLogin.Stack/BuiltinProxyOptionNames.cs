namespace ShLogin.Stack;

/// <summary>
/// The options of <c>sh-login serve</c> that make it the built-in proxy (see <c>BuiltinProxyOptions</c>):
/// <c>sh-login start</c> passes them where nginx is not used.
/// </summary>
public static class BuiltinProxyOptionNames
{
    /// <summary>Where browsers connect: HOST:PORT (nginx's listen).</summary>
    public const string Listen = "--proxy-listen";

    /// <summary>Where the app answers: unix:/path or HOST:PORT.</summary>
    public const string App = "--proxy-app";

    /// <summary>Forward to the app only while this file exists (the app port guard).</summary>
    public const string AppAvailableFile = "--proxy-app-available-file";

    /// <summary>
    /// The header the proxy adds to every app request (<c>Name: value</c>), from the environment
    /// only: it is a secret the app requires, and process arguments are public.
    /// </summary>
    public const string AppSecretHeaderVariable = "SH_LOGIN_PROXY_APP_HEADER";
}
