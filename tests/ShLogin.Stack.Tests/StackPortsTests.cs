using System.Net;
using System.Net.Sockets;
using ShLogin.Configuration;

namespace ShLogin.Stack.Tests;

public sealed class StackPortsTests
{
    [Fact]
    public void Random_ports_are_free_distinct_and_in_the_public_range()
    {
        var ports = StackPorts.Choose(new ShLoginSettings(), StartFlags.None);

        Assert.InRange(ports.Nginx, ShLoginSettings.RandomNginxPortMin, ShLoginSettings.RandomNginxPortMax);
        Assert.InRange(ports.App, ShLoginSettings.RandomNginxPortMin, ShLoginSettings.RandomNginxPortMax);
        Assert.NotEqual(ports.Nginx, ports.App);
    }

    [Fact]
    public void A_taken_explicit_port_names_the_variable_or_the_flag_that_set_it()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var taken = ((IPEndPoint)listener.LocalEndpoint).Port;
        var settings = new ShLoginSettings { NginxPort = taken };

        var fromVariable = Assert.Throws<ConfigurationException>(() => StackPorts.Choose(settings, StartFlags.None));
        var fromFlag = Assert.Throws<ConfigurationException>(() => StackPorts.Choose(settings, new StartFlags { Nginx = taken.ToString(System.Globalization.CultureInfo.InvariantCulture) }));

        Assert.Contains(EnvironmentVariableNames.Nginx, fromVariable.Message, StringComparison.Ordinal);
        Assert.Contains(StartFlagNames.Nginx, fromFlag.Message, StringComparison.Ordinal);
        Assert.Contains("already in use", fromFlag.Message, StringComparison.Ordinal);
    }
}
