namespace ShLogin.Configuration;

/// <summary>What serves the public port of <c>sh-login start</c> (<c>SH_LOGIN_PROXY</c>, <c>--proxy</c>).</summary>
public enum ProxyMode
{
    /// <summary>nginx when it is installed, else the built-in proxy.</summary>
    Auto,

    /// <summary>nginx, which must be installed.</summary>
    Nginx,

    /// <summary>The login service itself listens on the public port and forwards to the app (YARP).</summary>
    Builtin,
}
