using ShLogin.Hosting.Resources;
using ShLogin.Stack;

namespace ShLogin.Hosting;

/// <summary>Configures one resource of an application, fluently.</summary>
/// <typeparam name="T">The resource type.</typeparam>
public interface IResourceBuilder<out T>
    where T : Resource
{
    /// <summary>The resource being configured.</summary>
    T Resource { get; }

    /// <summary>The application it belongs to.</summary>
    DistributedApplicationBuilder ApplicationBuilder { get; }
}
