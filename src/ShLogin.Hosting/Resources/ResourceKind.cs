using ShLogin.Stack;

namespace ShLogin.Hosting.Resources;

/// <summary>How a resource runs, as shown in the resource table.</summary>
public enum ResourceKind
{
    /// <summary>A program started directly.</summary>
    Executable,

    /// <summary>A .NET project run from source.</summary>
    Project,

    /// <summary>A container run by podman or docker.</summary>
    Container,
}
