using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ShLogin.Supervisor.Networking;

namespace ShLogin.Supervisor.Tests.Networking;

public sealed class ListenerOwnershipTests
{
    private const int Port = 23456;
    private static readonly HashSet<long> AppInodes = [100, 101];

    [Fact]
    public void Nothing_listening_on_the_port_is_nobody()
    {
        TcpSocketEntry[] sockets =
        [
            Listener("127.0.0.1", Port + 1, inode: 100),
            new(IPAddress.Loopback, Port, 1, 0, 555),
        ];

        Assert.Equal(ListenerOwnerKind.Nobody, Decide(sockets).Kind);
    }

    [Fact]
    public void The_apps_own_listener_is_the_app_with_its_inode()
    {
        var owner = Decide([Listener("127.0.0.1", Port, inode: 100)]);

        Assert.Equal(ListenerOwnerKind.App, owner.Kind);
        Assert.Equal([100L], owner.Inodes);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:0.0.0.0")]
    public void Any_listener_that_takes_connections_to_127_0_0_1_and_is_not_the_apps_is_another_users(string bound)
    {
        var owner = Decide([Listener("127.0.0.1", Port, inode: 100), Listener(bound, Port, inode: 999, uid: 65534)]);

        Assert.Equal(ListenerOwnerKind.Other, owner.Kind);
        Assert.Equal(65534, owner.Uid);
    }

    [Theory]
    [InlineData("::1")]
    [InlineData("127.0.0.2")]
    [InlineData("10.0.0.1")]
    public void Listeners_that_do_not_take_connections_to_127_0_0_1_do_not_count(string bound)
    {
        var owner = Decide([Listener(bound, Port, inode: 999, uid: 65534)]);

        Assert.Equal(ListenerOwnerKind.Nobody, owner.Kind);
    }

    [Fact]
    public void An_ipv6_loopback_target_counts_its_own_address_and_the_ipv6_wildcard()
    {
        var own = ListenerOwnership.Decide(IPAddress.IPv6Loopback, Port, [Listener("::1", Port, inode: 101)], AppInodes);
        var foreign = ListenerOwnership.Decide(IPAddress.IPv6Loopback, Port, [Listener("::", Port, inode: 7, uid: 1001)], AppInodes);
        var ipv4Only = ListenerOwnership.Decide(IPAddress.IPv6Loopback, Port, [Listener("0.0.0.0", Port, inode: 7, uid: 1001)], AppInodes);

        Assert.Equal(ListenerOwnerKind.App, own.Kind);
        Assert.Equal(1001, foreign.Uid);
        Assert.Equal(ListenerOwnerKind.Nobody, ipv4Only.Kind);
    }

    [Fact]
    public void A_listener_of_the_same_user_that_is_not_among_the_apps_sockets_is_not_the_app()
    {
        var owner = Decide([Listener("127.0.0.1", Port, inode: 555, uid: 0)]);

        Assert.Equal(ListenerOwnerKind.Other, owner.Kind);
        Assert.Equal(0, owner.Uid);
    }

    [Fact]
    public void The_message_names_the_port_and_the_uid()
    {
        var message = ListenerOwnership.DescribeForeign(IPAddress.Loopback, Port, 65534);

        Assert.Contains("port 127.0.0.1:23456", message, StringComparison.Ordinal);
        Assert.Contains("uid 65534", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public async Task A_child_listening_on_a_port_owns_it_and_this_process_listening_there_does_not()
    {
        using var foreign = new TcpListener(IPAddress.Loopback, 0);
        foreign.Start();
        var taken = ((IPEndPoint)foreign.LocalEndpoint).Port;
        var port = PickFreePort();
        using var child = Process.Start(new ProcessStartInfo(
            "/usr/bin/python3",
            ["-c", $"import socket, time\ns = socket.socket()\ns.bind(('127.0.0.1', {port}))\ns.listen(1)\nprint('listening', flush=True)\ntime.sleep(60)"])
        {
            RedirectStandardOutput = true,
        })!;
        try
        {
            Assert.Equal("listening", await child.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken));

            Assert.Equal(ListenerOwnerKind.App, ListenerOwnership.Find(IPAddress.Loopback, port, child.Id).Kind);
            Assert.Equal(ListenerOwnerKind.Other, ListenerOwnership.Find(IPAddress.Loopback, taken, child.Id).Kind);
            Assert.Equal(ListenerOwnerKind.Nobody, ListenerOwnership.Find(IPAddress.Loopback, PickFreePort(), child.Id).Kind);
        }
        finally
        {
            child.Kill();
        }
    }

    internal static int PickFreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static ListenerOwner Decide(IEnumerable<TcpSocketEntry> sockets) =>
        ListenerOwnership.Decide(IPAddress.Loopback, Port, sockets, AppInodes);

    private static TcpSocketEntry Listener(string address, int port, long inode, long uid = 1000) =>
        new(IPAddress.Parse(address), port, TcpSocketEntry.ListenState, uid, inode);
}
