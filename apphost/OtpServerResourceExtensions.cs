using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using ShLogin.OtpServer;
using ShLogin.Stack;

namespace ShLogin.AppHost;

/// <summary>
/// The OTP server for micro services and its PostgreSQL as Aspire resources (<c>--otp-server</c>):
/// both on unix sockets only, both health-checked, the server started once its store is ready and
/// its first admin entry made.
/// </summary>
internal static class OtpServerResourceExtensions
{
    /// <summary>
    /// Adds <c>sh-login otp-server</c>, run from source on <see cref="AppHostOtpServer.Socket"/>;
    /// healthy once it answers there. Before its first start (after its store is healthy) the
    /// AppHost makes the first admin entry; if that fails, everything stops.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddShLoginOtpServer(this IDistributedApplicationBuilder builder, AppHostOtpServer otpServer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(otpServer);
        var resource = builder.AddProject<Projects.ShLogin_Cli>(AppHostOtpServer.ResourceName, options => options.ExcludeLaunchProfile = true)
            .WithArgs([.. otpServer.Arguments])
            .WithEnvironment(context =>
            {
                foreach (var variable in AppHostOtpServer.InheritedVariables)
                {
                    context.EnvironmentVariables.Remove(variable);
                }

                foreach (var (variable, value) in otpServer.Environment)
                {
                    context.EnvironmentVariables[variable] = value;
                }
            });

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource.Resource, async (e, cancellationToken) =>
        {
            if (otpServer.Postgres is not null)
            {
                await e.Services.GetRequiredService<ResourceNotificationService>().WaitForResourceHealthyAsync(PostgresServer.ResourceName, cancellationToken);
            }

            try
            {
                await otpServer.BootstrapAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is OtpServerConfigurationException or System.Data.Common.DbException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync(
                    $"{AppHostErrors.Prefix}the otp-server's first admin entry could not be made: {exception.Message.ReplaceLineEndings(" ")}. Stopping everything.");
                StackStartup.MarkFailed();
                e.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
                throw;
            }
        });

        var key = "shlogin-" + AppHostOtpServer.ResourceName;
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            key, new StackProgramHealthCheck(StackEndpoint.UnixSocket(otpServer.Socket), AppHostOtpServer.HealthPath), HealthStatus.Unhealthy, tags: null));
        return resource.WithHealthCheck(key);
    }

    /// <summary>
    /// Adds PostgreSQL (<c>postgres</c> of Debian's package, as an unprivileged user when the
    /// AppHost is root) on the private cluster <paramref name="server"/>; healthy once it answers a query.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddShLoginPostgres(this IDistributedApplicationBuilder builder, PostgresServer server)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(server);
        var key = "shlogin-" + PostgresServer.ResourceName;
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, new PostgresHealthCheck(server), HealthStatus.Unhealthy, tags: null));
        return builder.AddExecutable(PostgresServer.ResourceName, server.Command, server.Directory, [.. server.Arguments])
            .WithHealthCheck(key);
    }
}
