namespace ShLogin.Hosting.Stack;

/// <summary>The options of <c>sh-login serve</c> that hand it nginx's session map (see <c>NginxGateOptions</c>).</summary>
public static class NginxGateOptionNames
{
    /// <summary>The session map file nginx includes.</summary>
    public const string SessionMap = "--nginx-session-map";

    /// <summary>The nginx master's pid file, to signal a reload.</summary>
    public const string PidFile = "--nginx-pid-file";
}
