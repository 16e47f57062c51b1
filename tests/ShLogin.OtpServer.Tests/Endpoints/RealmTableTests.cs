using System.Net;
using ShLogin.OtpServer.Endpoints;
using ShLogin.OtpServer.Realms;
using ShLogin.OtpServer.Tests.TestSupport;

namespace ShLogin.OtpServer.Tests.Endpoints;

/// <summary>Every cell of the realms table, over HTTP: what each realm may do, and that what it may not do has no effect.</summary>
public sealed class RealmTableTests
{
    private const string OtherRealm = "billing";

    public static TheoryData<string, OtpAction, bool> Cells()
    {
        var data = new TheoryData<string, OtpAction, bool>();
        foreach (var realm in new[] { RealmPolicy.Admin, RealmPolicy.Auth, OtherRealm })
        {
            foreach (var action in Enum.GetValues<OtpAction>())
            {
                data.Add(realm, action, realm == RealmPolicy.Admin || (realm == RealmPolicy.Auth && action == OtpAction.Authenticate));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void The_policy_is_the_table(string realm, OtpAction action, bool allowed) =>
        Assert.Equal(allowed, RealmPolicy.Allows(realm, action));

    [Theory]
    [InlineData("Ungleich-Admin")]
    [InlineData("ungleich-admin ")]
    [InlineData("ungleich-admin\u200b")]
    [InlineData("ungleich\u2010admin")]
    [InlineData("")]
    public void Look_alikes_of_the_reserved_realms_have_no_rights(string realm) =>
        Assert.All(Enum.GetValues<OtpAction>(), action => Assert.False(RealmPolicy.Allows(realm, action)));

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Over_http(string realm, OtpAction action, bool allowed)
    {
        await using var server = await OtpServerHarness.StartAsync();
        var caller = await server.AddAsync("caller", realm);
        var victim = await server.AddAsync("victim", OtherRealm);

        var response = action switch
        {
            OtpAction.Authenticate => await server.VerifyAsync(caller, victim),
            OtpAction.Create => await server.SendAsync(caller, HttpMethod.Post, "/ungleichotp/", """{"name":"new","realm":"x"}"""),
            OtpAction.Delete => await server.SendAsync(caller, HttpMethod.Delete, $"/ungleichotp/{victim.Id}/"),
            OtpAction.List => await server.SendAsync(caller, HttpMethod.Get, "/ungleichotp/"),
            OtpAction.Update => await server.SendAsync(caller, HttpMethod.Patch, $"/ungleichotp/{victim.Id}/", """{"username":"changed"}"""),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };

        var expected = (allowed, action) switch
        {
            (false, _) => HttpStatusCode.Forbidden,
            (true, OtpAction.Create) => HttpStatusCode.Created,
            (true, OtpAction.Delete) => HttpStatusCode.NoContent,
            _ => HttpStatusCode.OK,
        };
        Assert.Equal(expected, response.StatusCode);
        if (!allowed)
        {
            Assert.Equal(OtpResponses.NoPermission, await OtpServerHarness.DetailAsync(response));
        }

        // A refused action leaves everything as it was.
        var cancel = TestContext.Current.CancellationToken;
        var stored = await server.Store.GetAsync(victim.Id, cancel);
        Assert.Equal(allowed && action == OtpAction.Delete, stored is null);
        Assert.Equal(allowed && action == OtpAction.Update, stored?.Username == "changed");
        Assert.Equal(allowed && action == OtpAction.Create, await server.Store.FindAsync("new", "x", cancel) is not null);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task A_wrong_own_token_is_refused_as_incorrect_credentials_whatever_the_realm(string realm, OtpAction action, bool allowed)
    {
        _ = allowed;
        await using var server = await OtpServerHarness.StartAsync();
        var caller = await server.AddAsync("caller", realm);
        var victim = await server.AddAsync("victim", OtherRealm);
        var wrong = caller.WrongCode();
        var response = action switch
        {
            OtpAction.Authenticate => await server.VerifyAsync(caller, victim, callerToken: wrong),
            OtpAction.Create => await server.SendAsync(caller, HttpMethod.Post, "/ungleichotp/", """{"name":"new","realm":"x"}""", wrong),
            OtpAction.Delete => await server.SendAsync(caller, HttpMethod.Delete, $"/ungleichotp/{victim.Id}/", token: wrong),
            OtpAction.List => await server.SendAsync(caller, HttpMethod.Get, "/ungleichotp/", token: wrong),
            _ => await server.SendAsync(caller, HttpMethod.Patch, $"/ungleichotp/{victim.Id}/", """{"username":"changed"}""", wrong),
        };
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(OtpResponses.IncorrectCredentials, await OtpServerHarness.DetailAsync(response));
        Assert.Equal("owner of victim", (await server.Store.GetAsync(victim.Id, TestContext.Current.CancellationToken))!.Username);
    }
}
