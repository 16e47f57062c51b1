using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ShLogin.Configuration;
using ShLogin.Nginx;
using ShLogin.Stack;

namespace ShLogin.AppHost;

/// <summary>
/// The ShLogin stack in Aspire's idiom: each program of the shared <see cref="StackDescription"/>
/// as an Aspire resource (a project run from source, an executable of this host, or a container
/// of ShLogin's images), with its environment, health check and dashboard links.
/// </summary>
internal static class ShLoginResourceExtensions
{
    /// <summary>ASP.NET Core would believe X-Forwarded-* from anyone with it; the login service decides for itself whom to believe.</summary>
    private const string ForwardedHeadersVariable = "ASPNETCORE_FORWARDEDHEADERS_ENABLED";

    /// <summary>
    /// Adds the login service, <c>sh-login serve</c> run from source, on the runtime directory's
    /// socket. Its token and TOTP secret are Aspire secret parameters (defaulting to the ones the
    /// stack made for this run), passed through its environment only; it exports its logs, traces
    /// and metrics to the dashboard over OTLP. While it is stopped nginx honours no session it listed.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddShLoginService(this IDistributedApplicationBuilder builder, AppHostStack stack)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(stack);
        var program = stack.Description.Login;
        var login = builder.AddProject<Projects.ShLogin_Cli>(program.Name, options => options.ExcludeLaunchProfile = true)
            .WithArgs([.. program.Arguments])
            .WithStackEnvironment(program)
            .WithStackHealthCheck(builder, program);
        foreach (var (variable, value) in program.SecretEnvironment)
        {
            var name = variable == EnvironmentVariableNames.Token ? AppHostStack.TokenParameter : AppHostStack.TotpSecretParameter;
            login.WithEnvironment(variable, builder.AddParameter(name, new KnownSecretDefault(value), secret: true));
        }

        builder.Eventing.Subscribe<ResourceStoppedEvent>(login.Resource, (_, _) =>
        {
            stack.Description.RevokeSessionGate();
            return Task.CompletedTask;
        });
        return login;
    }

    /// <summary>
    /// Adds the protected app: the demo (<c>sh-login demo</c> from source), a program of this host
    /// (Jupyter, a command), or with <c>--containers</c> the same from ShLogin's images. It listens
    /// on the runtime directory's socket where it can, and never sees the stack's secrets.
    /// </summary>
    public static IResourceBuilder<IResourceWithEnvironment> AddShLoginWorkload(this IDistributedApplicationBuilder builder, AppHostStack stack)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(stack);
        var description = stack.Description;
        var program = description.App;
        IResourceBuilder<IResourceWithEnvironment> app;
        if (stack.Containers is { } containers)
        {
            var container = builder.AddStackContainer(program.Name, stack, containers, stack.WorkloadImage, program)
                .WithBindMount(description.WorkingDirectory, description.WorkingDirectory)
                .WithContainerRuntimeArgs("--workdir", description.WorkingDirectory);
            app = container.WithStackEnvironment(program);
        }
        else if (description.Preset is AppPreset.Demo or AppPreset.Otp)
        {
            var subcommand = description.Preset == AppPreset.Otp ? "otp" : "demo";
            app = builder.AddProject<Projects.ShLogin_Cli>(program.Name, options => options.ExcludeLaunchProfile = true)
                .WithArgs([.. program.Arguments.SkipWhile(argument => argument != subcommand)])
                .WithStackEnvironment(program);
        }
        else
        {
            app = builder.AddExecutable(program.Name, program.Command, program.WorkingDirectory ?? description.WorkingDirectory, [.. program.Arguments])
                .WithStackEnvironment(program);
        }

        return program.HealthPath is null ? app : app.WithStackHealthCheck(builder, program);
    }

    /// <summary>
    /// Adds nginx on the public port: it asks the login service about every request (sessions the
    /// login service lists get through without a call), proxies the rest to the app, WebSockets
    /// included. Its config is written into the runtime directory before each start. The
    /// dashboard links to the stack and to its sign-in page.
    /// </summary>
    public static IResourceBuilder<IResourceWithWaitSupport> AddShLoginNginx(this IDistributedApplicationBuilder builder, AppHostStack stack)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(stack);
        var description = stack.Description;
        var program = description.Nginx(stack.NginxProgram ?? "nginx");
        NginxSiteOptions site;
        IResourceBuilder<IResourceWithWaitSupport> nginx;
        if (stack.Containers is { } containers)
        {
            // On the container's own network nginx listens on every address of the container;
            // the runtime publishes its port on the host, on loopback unless SH_LOGIN_BIND says otherwise.
            site = description.NginxSite(sessionGate: true) with { Listen = new ListenEndpoint("0.0.0.0", description.Ports.Nginx) };
            nginx = builder.AddStackContainer(program.Name, stack, containers, ContainerRuntime.ShLoginImage, program)
                .WithHttpEndpoint(port: description.Ports.Nginx, targetPort: description.Ports.Nginx, name: "http", isProxied: false)
                .WithEndpoint("http", endpoint => endpoint.TargetHost = description.Listen.Address is null or "0.0.0.0" or "::" or "localhost" ? "127.0.0.1" : description.Listen.Address);
        }
        else
        {
            site = description.NginxSite(sessionGate: true);
            nginx = builder.AddExecutable(program.Name, program.Command, program.WorkingDirectory ?? description.Runtime.Path, [.. program.Arguments])
                .WithStackEnvironment(program)
                .WithHttpEndpoint(port: description.Ports.Nginx, name: "http", isProxied: false);
        }

        var config = description.RenderNginxConfig(site);
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(nginx.Resource, (_, _) =>
        {
            description.WriteNginxConfig(site, config);
            return Task.CompletedTask;
        });
        var info = description.Info;
        return nginx
            .WithUrls(context =>
            {
                context.Urls.Clear();
                context.Urls.Add(new ResourceUrlAnnotation { Url = info.OneClickUrl ?? info.LoginUrl, DisplayText = "Sign in" });
                context.Urls.Add(new ResourceUrlAnnotation { Url = info.Url, DisplayText = "ShLogin (" + description.Workload.DisplayName + ")" });
            })
            .WithStackHealthCheck(builder, program);
    }

    /// <summary>
    /// Adds a container that runs <paramref name="program"/> from <paramref name="image"/> under the
    /// image's init, as this user, with the runtime directory mounted at the same path (so sockets
    /// and config are where the host's programs expect them) and labelled with it.
    /// </summary>
    private static IResourceBuilder<ContainerResource> AddStackContainer(
        this IDistributedApplicationBuilder builder, string name, AppHostStack stack, ContainerRuntime containers, string image, StackProgram program)
    {
        var runtime = stack.Description.Runtime.Path;
        var (repository, tag) = ContainerRuntime.SplitImage(image);
        return builder.AddContainer(name, repository, tag)
            .WithImagePullPolicy(ImagePullPolicy.Never)
            .WithEntrypoint(ContainerRuntime.ImageInit)
            .WithArgs(["--", program.Command, .. program.Arguments])
            .WithBindMount(runtime, runtime)
            .WithContainerRuntimeArgs([.. containers.UserArguments, "--label", ContainerRuntime.RuntimeDirectoryLabel + "=" + runtime]);
    }

    /// <summary>The program's environment as described: its variables set, the ones it must not inherit emptied.</summary>
    private static IResourceBuilder<T> WithStackEnvironment<T>(this IResourceBuilder<T> builder, StackProgram program)
        where T : IResourceWithEnvironment =>
        builder.WithEnvironment(context =>
        {
            context.EnvironmentVariables.Remove(ForwardedHeadersVariable);
            foreach (var variable in program.RemovedEnvironment)
            {
                context.EnvironmentVariables.Remove(variable);
            }

            foreach (var (variable, value) in program.Environment)
            {
                context.EnvironmentVariables[variable] = value;
            }
        });

    /// <summary>Healthy once the program's health path answers below 500 at its endpoint (socket or port).</summary>
    private static IResourceBuilder<T> WithStackHealthCheck<T>(this IResourceBuilder<T> builder, IDistributedApplicationBuilder application, StackProgram program)
        where T : IResource
    {
        var key = "shlogin-" + program.Name;
        application.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            key, new StackProgramHealthCheck(program.Endpoint, program.HealthPath ?? "/"), HealthStatus.Unhealthy, tags: null));
        return builder.WithHealthCheck(key);
    }
}
