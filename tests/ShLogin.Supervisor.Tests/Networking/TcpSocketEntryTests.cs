using System.Net;
using ShLogin.Supervisor.Networking;

namespace ShLogin.Supervisor.Tests.Networking;

public sealed class TcpSocketEntryTests
{
    // Lines as a little-endian kernel prints them (x86-64, arm64): each 32-bit word of an address byte-swapped.
    private const string LoopbackListener = "   3: 0100007F:5BA0 00000000:0000 0A 00000000:00000000 00:00000000 00000000 65534        0 918273 1 0000000000000000 100 0 0 10 0";

    public TcpSocketEntryTests()
    {
        Assert.SkipUnless(BitConverter.IsLittleEndian, "the sample lines are those of a little-endian kernel");
    }

    [Fact]
    public void An_ipv4_listener_gives_address_port_state_uid_and_inode()
    {
        var entry = TcpSocketEntry.Parse(LoopbackListener);

        Assert.Equal(new TcpSocketEntry(IPAddress.Loopback, 23456, TcpSocketEntry.ListenState, 65534, 918273), entry);
        Assert.True(entry!.IsListening);
    }

    [Theory]
    [InlineData("00000000:1F90", "0.0.0.0", 8080)]
    [InlineData("0101A8C0:0050", "192.168.1.1", 80)]
    [InlineData("FFFFFFFF:FFFF", "255.255.255.255", 65535)]
    [InlineData("0100007F:0001", "127.0.0.1", 1)]
    public void Ipv4_hex_addresses_and_ports_are_decoded(string local, string address, int port)
    {
        var entry = TcpSocketEntry.Parse($"  0: {local} 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000  0 1 1 0 100 0 0 10 0");

        Assert.Equal(IPAddress.Parse(address), entry!.LocalAddress);
        Assert.Equal(port, entry.LocalPort);
    }

    [Theory]
    [InlineData("00000000000000000000000001000000", "::1")]
    [InlineData("00000000000000000000000000000000", "::")]
    [InlineData("0000000000000000FFFF00000100007F", "::ffff:127.0.0.1")]
    [InlineData("000080FE00000000FF005450B6AD1DFE", "fe80::5054:ff:fe1d:adb6")]
    public void Ipv6_addresses_are_decoded_word_by_word(string hex, string address)
    {
        var entry = TcpSocketEntry.Parse($"  1: {hex}:5BA0 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000  0 77 1 0 100 0 0 10 0");

        Assert.Equal(IPAddress.Parse(address), entry!.LocalAddress);
        Assert.Equal(23456, entry.LocalPort);
        Assert.Equal(77, entry.Inode);
    }

    [Fact]
    public void An_established_connection_is_not_listening()
    {
        var entry = TcpSocketEntry.Parse("  4: 0100007F:5BA0 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000  1000  0 5 1 0 100 0 0 10 0");

        Assert.False(entry!.IsListening);
    }

    [Theory]
    [InlineData("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode")]
    [InlineData("")]
    [InlineData("   3: 0100007F:5BA0 00000000:0000 0A")]
    [InlineData("   3: 0100007G:5BA0 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1")]
    [InlineData("   3: 0100007F5BA0 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1")]
    [InlineData("   3: 100007F:5BA0 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1")]
    [InlineData("   3: 0100007F:15BA0 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1")]
    [InlineData("   3: 0100007F:-5BA 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1")]
    [InlineData("   3: 0100007F:5BA0 00000000:0000 0A 00000000:00000000 00:00000000 00000000 -1 0 1 1")]
    [InlineData("   3: 0100007F:5BA0 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 x 1")]
    [InlineData("   3 0100007F:5BA0 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1")]
    [InlineData("   3: 0100007F:5BA0:1 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1")]
    [InlineData("   3: 0100007F:5BA0 00000000:0000 10A 00000000:00000000 00:00000000 00000000 0 0 1 1")]
    public void Headers_and_malformed_lines_are_not_sockets(string line)
    {
        Assert.Null(TcpSocketEntry.Parse(line));
    }

    [Fact]
    public void A_socket_this_process_listens_on_is_in_the_kernels_table()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.Contains(TcpSocketEntry.ReadAll(), entry => entry.IsListening && entry.LocalPort == port && entry.LocalAddress.Equals(IPAddress.Loopback));
    }
}
