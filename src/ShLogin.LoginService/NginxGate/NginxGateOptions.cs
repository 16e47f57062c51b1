namespace ShLogin.LoginService.NginxGate;

/// <summary>
/// Where the login service keeps nginx's list of valid sessions and how it tells nginx about a
/// change. Set by <c>sh-login start</c>, whose nginx includes the map; without it every app
/// request is asked of <c>/auth/check</c>.
/// </summary>
/// <param name="SessionMapFile">The file nginx's session map includes (created 0600).</param>
/// <param name="NginxPidFile">The nginx master's pid file; the master gets SIGHUP after each change.</param>
public sealed record NginxGateOptions(string SessionMapFile, string NginxPidFile);
