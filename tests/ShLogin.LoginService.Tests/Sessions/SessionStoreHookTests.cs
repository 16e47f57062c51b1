using Microsoft.Extensions.DependencyInjection;
using ShLogin.LoginService.Sessions;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Sessions;

public class SessionStoreHookTests
{
    [Fact]
    public async Task Logins_and_logouts_of_the_running_service_are_announced_by_the_store()
    {
        await using var host = await LoginServiceHost.StartAsync();
        var store = host.App.Services.GetRequiredService<ISessionStore>();
        var seen = new List<SessionChangeKind>();
        store.Changed += (_, change) => seen.Add(change.Kind);
        var browser = host.NewBrowser();

        using var login = await browser.LoginAsync(TestSecrets.Token);
        var session = Assert.Single(store.ListActive());
        Assert.Equal(host.Time.GetUtcNow() + host.Options.SessionTtl, session.ExpiresAt);
        var antiforgery = await browser.AntiforgeryTokenFromAsync("/auth/logout");
        using var logout = await browser.PostFormAsync("/auth/logout", [new(FormBrowser.AntiforgeryField, antiforgery)]);

        Assert.Equal([SessionChangeKind.Added, SessionChangeKind.Removed], seen);
        Assert.Empty(store.ListActive());
    }
}
