using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ShLogin.Supervisor.Networking;

namespace ShLogin.Supervisor.Tests.Networking;

public sealed class ListenerHoldTests
{
    [Theory]
    [InlineData("socket:[918273]", 918273L)]
    [InlineData("socket:[0]", 0L)]
    public void A_socket_descriptor_link_gives_its_inode(string link, long inode)
    {
        Assert.Equal(inode, ProcessSockets.ParseSocketLink(link));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/dev/null")]
    [InlineData("pipe:[123]")]
    [InlineData("socket:[]")]
    [InlineData("socket:[12")]
    [InlineData("socket:[-12]")]
    [InlineData("socket:[1 2]")]
    [InlineData("socket:[99999999999999999999]")]
    public void Anything_else_is_not_a_socket(string? link)
    {
        Assert.Null(ProcessSockets.ParseSocketLink(link));
    }

    [Fact]
    public async Task A_held_listener_keeps_the_port_from_anyone_else_after_the_app_died_until_it_is_let_go()
    {
        var port = ListenerOwnershipTests.PickFreePort();
        using var child = Process.Start(new ProcessStartInfo(
            "/usr/bin/python3",
            ["-c", $"import socket, time\ns = socket.socket()\ns.bind(('127.0.0.1', {port}))\ns.listen(1)\nprint('listening', flush=True)\ntime.sleep(60)"])
        {
            RedirectStandardOutput = true,
        })!;
        Assert.Equal("listening", await child.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken));
        var owner = ListenerOwnership.Find(IPAddress.Loopback, port, child.Id);
        Assert.Equal(ListenerOwnerKind.App, owner.Kind);

        using var hold = ListenerHold.Take(ProcessSockets.TreeOf(child.Id), owner.Inodes);
        child.Kill();
        await child.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, hold.Count);
        Assert.False(CanListen(port), "another process took the port of the dead app while it was held");
        hold.Dispose();
        Assert.True(CanListen(port), "the port stayed taken after the hold was let go");
    }

    private static bool CanListen(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
