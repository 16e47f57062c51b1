using System.Globalization;
using ShLogin.Hosting.Health;
using ShLogin.Hosting.Resources;
using ShLogin.Stack;

namespace ShLogin.Hosting;

/// <summary>The fluent calls that add and configure resources, named as in .NET Aspire.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Adds a program.</summary>
    public static IResourceBuilder<ExecutableResource> AddExecutable(
        this DistributedApplicationBuilder builder, string name, string command, string? workingDirectory, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new ExecutableResource(name, command, args) { WorkingDirectory = workingDirectory });
    }

    /// <summary>
    /// Adds a .NET project run from source. With <see cref="DistributedApplicationOptions.ProjectBuildConfiguration"/>
    /// set (as <see cref="DistributedApplication.CreateBuilder(string[])"/> does) it runs without building:
    /// make it a project reference of the AppHost so that building the AppHost builds it.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddProject(
        this DistributedApplicationBuilder builder, string name, string projectPath, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new ProjectResource(name, projectPath, args, builder.Options.ProjectBuildConfiguration));
    }

    /// <summary>Adds a container from <paramref name="image"/>, run with <paramref name="runtime"/> (podman or docker).</summary>
    public static IResourceBuilder<ContainerResource> AddContainer(
        this DistributedApplicationBuilder builder, string name, string image, string runtime, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new ContainerResource(name, image, runtime, args));
    }

    /// <summary>Adds arguments to a program's command line.</summary>
    public static IResourceBuilder<T> WithArgs<T>(this IResourceBuilder<T> builder, params string[] args)
        where T : ExecutableResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.AddArguments(args);
        return builder;
    }

    /// <summary>Sets an environment variable of the process.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.AddEnvironment(name, () => value);
        return builder;
    }

    /// <summary>Sets an environment variable of the process, evaluated at each start.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, Func<string> value)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.AddEnvironment(name, value);
        return builder;
    }

    /// <summary>Keeps an inherited environment variable from the process (a secret meant for another resource).</summary>
    public static IResourceBuilder<T> WithoutEnvironment<T>(this IResourceBuilder<T> builder, params string[] names)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var name in names)
        {
            builder.Resource.RemovedEnvironment.Add(name);
        }

        return builder;
    }

    /// <summary>
    /// Declares a loopback HTTP endpoint on <paramref name="port"/> and, when <paramref name="env"/>
    /// is given, tells the process its port in that variable.
    /// </summary>
    public static IResourceBuilder<T> WithHttpEndpoint<T>(
        this IResourceBuilder<T> builder, int port, string name = "http", string? env = null, string host = "127.0.0.1")
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.AddEndpoint(EndpointReference.Tcp(name, host, port));
        if (env is not null)
        {
            builder.Resource.AddEnvironment(env, () => port.ToString(CultureInfo.InvariantCulture));
        }

        return builder;
    }

    /// <summary>
    /// Declares an HTTP endpoint on a unix socket at <paramref name="socketPath"/> and, when
    /// <paramref name="env"/> is given, tells the process the path in that variable.
    /// </summary>
    public static IResourceBuilder<T> WithUnixSocketEndpoint<T>(
        this IResourceBuilder<T> builder, string socketPath, string name = "http", string? env = null)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.AddEndpoint(EndpointReference.Unix(name, socketPath));
        if (env is not null)
        {
            builder.Resource.AddEnvironment(env, () => socketPath);
        }

        return builder;
    }

    /// <summary>
    /// Lets this resource use another's endpoints: each is passed as
    /// <c>services__{name}__{endpoint}__0</c>, as Aspire's service discovery does.
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> source)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        builder.Resource.AddReference(source.Resource);
        foreach (var endpoint in source.Resource.Endpoints)
        {
            builder.Resource.AddEnvironment($"services__{source.Resource.Name}__{endpoint.Name}__0", () => endpoint.ToString());
        }

        return builder;
    }

    /// <summary>Starts this resource only once <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> dependency)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dependency);
        builder.Resource.AddWaitFor(dependency.Resource);
        return builder;
    }

    /// <summary>The resource is healthy once a GET of <paramref name="path"/> on the endpoint answers below 500.</summary>
    public static IResourceBuilder<T> WithHttpHealthCheck<T>(
        this IResourceBuilder<T> builder, string path = "/", string endpointName = "http", string? host = null)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.HealthCheck = new HealthCheck(builder.Resource.GetEndpoint(endpointName), path, host);
        return builder;
    }

    /// <summary>What happens when the process exits on its own.</summary>
    public static IResourceBuilder<T> WithExitBehavior<T>(this IResourceBuilder<T> builder, ExitBehavior behavior)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.ExitBehavior = behavior;
        return builder;
    }

    /// <summary>The signal that asks the process to stop (default SIGTERM).</summary>
    public static IResourceBuilder<T> WithStopSignal<T>(this IResourceBuilder<T> builder, int signal)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.StopSignal = signal;
        return builder;
    }

    /// <summary>The signal for what the process left in its group when it exits on its own (default SIGTERM; see <see cref="Resource.LeftoverSignal"/>).</summary>
    public static IResourceBuilder<T> WithLeftoverSignal<T>(this IResourceBuilder<T> builder, int signal)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.LeftoverSignal = signal;
        return builder;
    }

    /// <summary>Runs <paramref name="action"/> before every start of the process.</summary>
    public static IResourceBuilder<T> OnBeforeStart<T>(this IResourceBuilder<T> builder, Func<CancellationToken, Task> action)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.AddBeforeStart(action);
        return builder;
    }

    /// <summary>Runs <paramref name="action"/> with the exit code each time the process ends on its own (a crash), before it is restarted.</summary>
    public static IResourceBuilder<T> OnUnexpectedExit<T>(this IResourceBuilder<T> builder, Action<int> action)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.AddAfterExit(action);
        return builder;
    }

    /// <summary>Adds a check of the started process (given its id) that must pass before it counts as ready (see <see cref="Resource.ReadinessChecks"/>).</summary>
    public static IResourceBuilder<T> WithReadinessCheck<T>(this IResourceBuilder<T> builder, Func<int, ReadinessVerdict> check)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(check);
        builder.Resource.AddReadinessCheck(check);
        return builder;
    }

    /// <summary>Runs <paramref name="action"/> each time a start of the process became ready, before it is reported running.</summary>
    public static IResourceBuilder<T> OnHealthy<T>(this IResourceBuilder<T> builder, Action action)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(action);
        builder.Resource.AddAfterHealthy(action);
        return builder;
    }

    /// <summary>Runs <paramref name="action"/> once the supervisor has stopped the process when the application ends.</summary>
    public static IResourceBuilder<T> OnStopped<T>(this IResourceBuilder<T> builder, Action action)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(action);
        builder.Resource.AddAfterStop(action);
        return builder;
    }

    /// <summary>Sets the directory the process starts in.</summary>
    public static IResourceBuilder<T> WithWorkingDirectory<T>(this IResourceBuilder<T> builder, string directory)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.WorkingDirectory = directory;
        return builder;
    }
}
