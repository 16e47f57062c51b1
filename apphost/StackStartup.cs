using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ShLogin.Stack;

namespace ShLogin.AppHost;

/// <summary>
/// Watches the stack come up: once nginx is healthy (it waits for the login service and the
/// app), and the OTP server with <c>--otp-server</c>, prints ShLogin's banner (after the OTP
/// server's socket and first admin entry) and then writes the ready file; if that takes longer than
/// <c>--startup-timeout</c>, names the resources that are not healthy and stops the application
/// with exit code 1.
/// </summary>
internal sealed class StackStartup(
    AppHostStack stack, ResourceNotificationService notifications, IHostApplicationLifetime lifetime, TextWriter output, TextWriter error) : BackgroundService
{
    private static int _failed;

    /// <summary>Set when the stack did not become healthy in time, or a resource could not be prepared.</summary>
    public static bool Failed => Volatile.Read(ref _failed) != 0;

    /// <summary>Makes the AppHost exit with code 1 once it has stopped.</summary>
    public static void MarkFailed() => Volatile.Write(ref _failed, 1);

    private IEnumerable<string> Resources =>
        stack.OtpServer is { } otpServer
            ? [StackDescription.LoginName, StackDescription.AppName, StackDescription.NginxName, .. otpServer.Postgres is null ? Array.Empty<string>() : [PostgresServer.ResourceName], AppHostOtpServer.ResourceName]
            : [StackDescription.LoginName, StackDescription.AppName, StackDescription.NginxName];

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
            if (stack.OtpServer is not null)
            {
                await notifications.WaitForResourceHealthyAsync(AppHostOtpServer.ResourceName, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            var waiting = Resources.Where(name => !IsHealthy(name)).ToList();
            await error.WriteLineAsync(
                $"{AppHostErrors.Prefix}the stack did not become healthy within {stack.Options.StartupTimeout.TotalSeconds:0} s: not healthy: {string.Join(", ", waiting)} "
                + "(see their logs in the dashboard). Stopping everything.");
            MarkFailed();
            lifetime.StopApplication();
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var info = stack.Description.Info;
        if (stack.OtpServer is { Admin: { } admin } otpServer)
        {
            // The one place the seed is shown: this terminal, not a resource's console in the dashboard.
            await output.WriteAsync(OtpServerBanner(otpServer, admin));
            info = info with { OtpServer = otpServer.Info };
        }

        await output.WriteAsync(StackBanner.Render(stack.Description, Environment.UserName, Environment.MachineName));
        await output.FlushAsync(stoppingToken);

        // Last: whoever waits for the ready file finds the banner already written.
        if (stack.Options.ReadyFile is { } readyFile)
        {
            try
            {
                ReadyFile.Write(readyFile, info);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"{AppHostErrors.Prefix}--ready-file {readyFile} cannot be written ({exception.Message}). Stopping everything.");
                MarkFailed();
                lifetime.StopApplication();
            }
        }
    }

    private static string OtpServerBanner(AppHostOtpServer otpServer, OtpServer.FirstAdminEntry admin)
    {
        var store = otpServer.Postgres is { } postgres ? "PostgreSQL in " + postgres.Directory : "SQLite in " + otpServer.DataDirectory;
        var code = $"$(sh-login totp code --secret-file {otpServer.AdminSeedFile})";
        var text = new System.Text.StringBuilder();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"The OTP server for micro services is running ({store}).");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"  Socket:     {otpServer.Socket}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Admin:      name {admin.Name}, realm {admin.Realm}, appuuid {admin.AppUuid:D}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Seed:       {admin.Seed}");
        text.AppendLine(CultureInfo.InvariantCulture, $"              (shown only now; also in {otpServer.AdminSeedFile}, mode 0600)");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Entries:    curl --unix-socket {otpServer.Socket} http://localhost/ungleichotp/ -H 'X-OTP-Name: {admin.Name}' -H 'X-OTP-Realm: {admin.Realm}' -H \"X-OTP-Token: {code}\"");
        return text.ToString();
    }

    private bool IsHealthy(string name) =>
        notifications.TryGetCurrentState(name, out var state) && state.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;
}
