using System.Net;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Endpoints;

public class HealthEndpointTests
{
    [Fact]
    public async Task Healthz_answers_ok()
    {
        await using var host = await LoginServiceHost.StartAsync();

        using var response = await host.NewBrowser().GetAsync("/auth/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/auth")]
    [InlineData("/auth/unknown")]
    public async Task Other_paths_are_not_found(string path)
    {
        await using var host = await LoginServiceHost.StartAsync();

        using var response = await host.NewBrowser().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
