using System.Globalization;
using System.Net;
using ShLogin.Configuration;

namespace ShLogin.Stack;

/// <summary>The TCP ports of a stack: nginx's public one and the app's loopback one (used when it cannot listen on a socket).</summary>
/// <param name="Nginx">nginx's public port.</param>
/// <param name="App">The workload's loopback port.</param>
public sealed record StackPorts(int Nginx, int App)
{
    /// <summary>
    /// The ports the settings name, each checked to be free, or random free ones in 9000–64499.
    /// </summary>
    /// <exception cref="ConfigurationException">An explicit port is taken; the message names the variable or flag that set it.</exception>
    public static StackPorts Choose(ShLoginSettings settings, StartFlags flags)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(flags);
        var bind = ParseAddress(settings.Bind);
        int nginx;
        if (settings.NginxPort is { } explicitPort)
        {
            RequireFree(bind, explicitPort, flags.Nginx is null ? EnvironmentVariableNames.Nginx : StartFlagNames.Nginx);
            nginx = explicitPort;
        }
        else
        {
            nginx = PortAllocator.PickRandom(bind, ShLoginSettings.RandomNginxPortMin, ShLoginSettings.RandomNginxPortMax);
        }

        if (settings.AuthPort is { } authPort)
        {
            RequireFree(IPAddress.Loopback, authPort, flags.AuthPort is null ? EnvironmentVariableNames.AuthPort : StartFlagNames.AuthPort);
        }

        int app;
        if (settings.AppPort is { } appPort)
        {
            RequireFree(IPAddress.Loopback, appPort, flags.Port is null ? EnvironmentVariableNames.Port : StartFlagNames.Port);
            app = appPort;
        }
        else
        {
            do
            {
                app = PortAllocator.PickRandom(IPAddress.Loopback, ShLoginSettings.RandomNginxPortMin, ShLoginSettings.RandomNginxPortMax);
            }
            while (app == nginx);
        }

        return new StackPorts(nginx, app);
    }

    private static void RequireFree(IPAddress address, int port, string setting)
    {
        if (!PortAllocator.IsFree(address, port))
        {
            throw new ConfigurationException(
                setting,
                port.ToString(CultureInfo.InvariantCulture),
                "a free port",
                $"port {port} on {address} is already in use");
        }
    }

    private static IPAddress ParseAddress(string bind) =>
        bind == "localhost" ? IPAddress.Loopback : IPAddress.Parse(bind);
}
