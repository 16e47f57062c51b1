using System.Net;
using ShLogin.Demo.Tests.TestSupport;

namespace ShLogin.Demo.Tests.Endpoints;

public class HealthEndpointTests
{
    [Fact]
    public async Task Health_answers_200()
    {
        await using var host = await DemoHost.StartAsync();

        using var response = await host.Client().GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok\n", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Health_answers_head_too()
    {
        await using var host = await DemoHost.StartAsync();
        using var head = new HttpRequestMessage(HttpMethod.Head, "/healthz");

        using var response = await host.Client().SendAsync(head, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }
}
