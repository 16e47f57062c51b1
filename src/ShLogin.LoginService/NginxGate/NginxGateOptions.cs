namespace ShLogin.LoginService.NginxGate;

/// <summary>
/// Where the login service keeps nginx's list of valid sessions. Set by <c>sh-login start</c>,
/// whose nginx tests the list on every request; without it every app request is asked of
/// <c>/auth/check</c>.
/// </summary>
/// <param name="SessionDirectory">The directory of session files nginx tests (created 0700, see <c>NginxSessionGateDirectory</c>).</param>
public sealed record NginxGateOptions(string SessionDirectory);
