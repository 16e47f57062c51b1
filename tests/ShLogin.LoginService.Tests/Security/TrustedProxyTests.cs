using System.Net;
using Microsoft.AspNetCore.Http;
using ShLogin.LoginService.Security;

namespace ShLogin.LoginService.Tests.Security;

public class TrustedProxyTests
{
    private static DefaultHttpContext Request(string? remote, string? realIp = null, string? proto = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Connection.RemoteIpAddress = remote is null ? null : IPAddress.Parse(remote);
        if (realIp is not null)
        {
            context.Request.Headers[TrustedProxy.RealIpHeader] = realIp;
        }

        if (proto is not null)
        {
            context.Request.Headers[TrustedProxy.ForwardedProtoHeader] = proto;
        }

        return context;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.53")]
    [InlineData("::1")]
    public void Unix_socket_and_loopback_connections_report_the_client_from_X_Real_IP(string? remote)
    {
        Assert.Equal("203.0.113.9", TrustedProxy.ClientKey(Request(remote, realIp: "203.0.113.9")));
    }

    [Fact]
    public void A_remote_connection_cannot_choose_its_client_identity()
    {
        Assert.Equal("198.51.100.4", TrustedProxy.ClientKey(Request("198.51.100.4", realIp: "203.0.113.9")));
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("203.0.113.9, 198.51.100.1")]
    [InlineData("")]
    public void An_unparsable_X_Real_IP_falls_back_to_the_connection(string realIp)
    {
        Assert.Equal(TrustedProxy.LoopbackClient, TrustedProxy.ClientKey(Request("127.0.0.1", realIp)));
        Assert.Equal("local", TrustedProxy.ClientKey(Request(null, realIp)));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("127.255.3.4")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.9")]
    public void Every_loopback_address_is_one_client(string realIp)
    {
        // Any user of the host can connect from any 127.x address: each must not bring its own budget.
        Assert.Equal(TrustedProxy.LoopbackClient, TrustedProxy.ClientKey(Request(null, realIp)));
        Assert.Equal(TrustedProxy.LoopbackClient, TrustedProxy.ClientKey(Request(realIp)));
    }

    [Fact]
    public void IPv6_clients_are_grouped_by_their_64_bit_prefix()
    {
        var first = TrustedProxy.ClientKey(Request(null, realIp: "2001:db8:1:2:aaaa::1"));
        var sameNetwork = TrustedProxy.ClientKey(Request(null, realIp: "2001:db8:1:2:ffff:ffff:ffff:ffff"));
        var otherNetwork = TrustedProxy.ClientKey(Request(null, realIp: "2001:db8:1:3::1"));

        Assert.Equal("2001:db8:1:2::/64", first);
        Assert.Equal(first, sameNetwork);
        Assert.NotEqual(first, otherNetwork);
    }

    [Fact]
    public void IPv4_mapped_addresses_count_as_IPv4()
    {
        Assert.Equal("192.0.2.7", TrustedProxy.ClientKey(Request(null, realIp: "::ffff:192.0.2.7")));
    }

    [Theory]
    [InlineData(null, "https", "https")]
    [InlineData("127.0.0.1", "HTTPS", "https")]
    [InlineData("::1", "http", "http")]
    [InlineData("198.51.100.4", "https", "http")]
    [InlineData(null, "ftp", "http")]
    [InlineData(null, "https, http", "http")]
    public void X_Forwarded_Proto_sets_the_scheme_only_from_a_trusted_connection(string? remote, string proto, string expectedScheme)
    {
        var context = Request(remote, proto: proto);

        TrustedProxy.ApplyForwardedScheme(context);

        Assert.Equal(expectedScheme, context.Request.Scheme);
    }
}
