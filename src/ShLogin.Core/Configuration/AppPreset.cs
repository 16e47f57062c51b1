namespace ShLogin.Configuration;

/// <summary>A workload ShLogin knows how to start (<c>SH_LOGIN_APP</c>).</summary>
public enum AppPreset
{
    /// <summary>Jupyter Notebook (<c>jupyter</c>).</summary>
    Jupyter,

    /// <summary>RStudio Server (<c>rstudio</c>).</summary>
    RStudio,

    /// <summary>code-server (<c>code-server</c>).</summary>
    CodeServer,

    /// <summary>The small built-in demo app (<c>demo</c>).</summary>
    Demo,

    /// <summary>The web view of the user's TOTP vault (<c>otp</c>, <c>sh-login otp web</c>).</summary>
    Otp,
}
