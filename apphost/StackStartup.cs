using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ShLogin.Stack;

namespace ShLogin.AppHost;

/// <summary>
/// Watches the stack come up: once nginx is healthy (it waits for the login service and the
/// app), prints ShLogin's banner and then writes the ready file; if that takes longer than
/// <c>--startup-timeout</c>, names the resources that are not healthy and stops the application
/// with exit code 1.
/// </summary>
internal sealed class StackStartup(
    AppHostStack stack, ResourceNotificationService notifications, IHostApplicationLifetime lifetime, TextWriter output, TextWriter error) : BackgroundService
{
    private static readonly string[] Resources = [StackDescription.LoginName, StackDescription.AppName, StackDescription.NginxName];

    /// <summary>Set when the stack did not become healthy in time.</summary>
    public static bool Failed { get; private set; }

    /// <summary>Registers the watch with the application.</summary>
    public static void AddTo(IDistributedApplicationBuilder builder, AppHostStack stack)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // First of the hosted services: Aspire's own do not finish starting while a resource waits
        // for another, and the timeout must run from the start.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(services => new StackStartup(
            stack,
            services.GetRequiredService<ResourceNotificationService>(),
            services.GetRequiredService<IHostApplicationLifetime>(),
            Console.Out,
            Console.Error)));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(stack.Options.StartupTimeout);
        try
        {
            await notifications.WaitForResourceHealthyAsync(StackDescription.NginxName, deadline.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            var waiting = Resources.Where(name => !IsHealthy(name)).ToList();
            await error.WriteLineAsync(
                $"{AppHostErrors.Prefix}the stack did not become healthy within {stack.Options.StartupTimeout.TotalSeconds:0} s: not healthy: {string.Join(", ", waiting)} "
                + "(see their logs in the dashboard). Stopping everything.");
            Failed = true;
            lifetime.StopApplication();
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await output.WriteAsync(StackBanner.Render(stack.Description, Environment.UserName, Environment.MachineName));
        await output.FlushAsync(stoppingToken);

        // Last: whoever waits for the ready file finds the banner already written.
        if (stack.Options.ReadyFile is { } readyFile)
        {
            try
            {
                ReadyFile.Write(readyFile, stack.Description.Info);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"{AppHostErrors.Prefix}--ready-file {readyFile} cannot be written ({exception.Message}). Stopping everything.");
                Failed = true;
                lifetime.StopApplication();
            }
        }
    }

    private bool IsHealthy(string name) =>
        notifications.TryGetCurrentState(name, out var state) && state.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;
}
