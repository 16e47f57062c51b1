namespace ShLogin.Configuration;

/// <summary>A workload ShLogin knows how to start (<c>SH_LOGIN_APP</c>).</summary>
public enum AppPreset
{
    /// <summary>
    /// Jupyter as installed (<c>jupyter</c>): Notebook 6 or 7 when <c>jupyter-notebook</c> is there,
    /// else JupyterLab, else a bare Jupyter Server.
    /// </summary>
    Jupyter,

    /// <summary>JupyterLab (<c>jupyterlab</c>), asked for explicitly.</summary>
    JupyterLab,

    /// <summary>Jupyter Server without a user interface of its own (<c>jupyter-server</c>): its REST API and kernels.</summary>
    JupyterServer,

    /// <summary>RStudio Server (<c>rstudio</c>).</summary>
    RStudio,

    /// <summary>code-server (<c>code-server</c>).</summary>
    CodeServer,

    /// <summary>The small built-in demo app (<c>demo</c>).</summary>
    Demo,

    /// <summary>The web view of the user's TOTP vault (<c>otp</c>, <c>sh-login otp web</c>).</summary>
    Otp,
}
