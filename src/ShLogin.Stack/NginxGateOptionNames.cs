namespace ShLogin.Stack;

/// <summary>The option of <c>sh-login serve</c> that hands it nginx's list of sessions (see <c>NginxGateOptions</c>).</summary>
public static class NginxGateOptionNames
{
    /// <summary>The directory of session files nginx tests on every request.</summary>
    public const string SessionDirectory = "--nginx-session-dir";
}
