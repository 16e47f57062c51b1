namespace ShLogin.Stack.Jupyter;

/// <summary>Which Jupyter runs, which decides the options it understands.</summary>
public enum JupyterKind
{
    /// <summary>Classic Jupyter Notebook 6 (<c>NotebookApp</c> options).</summary>
    ClassicNotebook,

    /// <summary>Jupyter Notebook 7 or later, a Jupyter Server application (<c>ServerApp</c> options).</summary>
    Notebook,

    /// <summary>JupyterLab, a Jupyter Server application.</summary>
    Lab,

    /// <summary>Jupyter Server alone: its REST API and kernels, no user interface of its own.</summary>
    Server,
}
