using System.Net;
using System.Text.Json;
using ShLogin.Demo.Tests.TestSupport;

namespace ShLogin.Demo.Tests.Endpoints;

public class RequestJsonTests
{
    [Fact]
    public async Task The_json_has_the_request_line_the_user_and_the_headers()
    {
        await using var host = await DemoHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/request?x=1&y=%20");
        request.Headers.Add("X-ShLogin-User", "alice");
        request.Headers.Add("X-Custom", "some value");

        using var response = await host.Client().SendAsync(request, TestContext.Current.CancellationToken);
        using var json = await ReadJsonAsync(response);
        var root = json.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("GET", root.GetProperty("method").GetString());
        Assert.Equal("/api/request?x=1&y=%20", root.GetProperty("target").GetString());
        Assert.Equal("HTTP/1.1", root.GetProperty("protocol").GetString());
        Assert.Equal("alice", root.GetProperty("user").GetString());
        var headers = root.GetProperty("headers");
        Assert.Equal("alice", headers.GetProperty("X-ShLogin-User").GetString());
        Assert.Equal("some value", headers.GetProperty("X-Custom").GetString());
        Assert.Equal("localhost", headers.GetProperty("Host").GetString());
    }

    [Fact]
    public async Task Without_the_user_header_user_is_null()
    {
        await using var host = await DemoHost.StartAsync();

        using var response = await host.Client().GetAsync("/api/request", TestContext.Current.CancellationToken);
        using var json = await ReadJsonAsync(response);

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("user").ValueKind);
        Assert.False(json.RootElement.GetProperty("headers").TryGetProperty("X-ShLogin-User", out _));
    }

    [Fact]
    public async Task Any_method_is_reported()
    {
        await using var host = await DemoHost.StartAsync();
        using var content = new StringContent("{}");

        using var response = await host.Client().PutAsync("/api/request", content, TestContext.Current.CancellationToken);
        using var json = await ReadJsonAsync(response);

        Assert.Equal("PUT", json.RootElement.GetProperty("method").GetString());
    }

    [Fact]
    public async Task Hostile_values_come_back_exactly_and_escaped()
    {
        await using var host = await DemoHost.StartAsync();
        const string Hostile = "\"}, \"user\": \"root\", \"x\": \"</script><script>alert(1)</script>\\";

        var context = await host.SendAsync(c =>
        {
            c.Request.Path = "/api/request";
            c.Request.Headers["X-ShLogin-User"] = Hostile;
        });
        var body = await PageParts.BodyAsync(context);
        using var json = JsonDocument.Parse(body);

        Assert.Equal(Hostile, json.RootElement.GetProperty("user").GetString());
        Assert.Equal(Hostile, json.RootElement.GetProperty("headers").GetProperty("X-ShLogin-User").GetString());
        Assert.DoesNotContain('<', body);
    }

    [Fact]
    public async Task Credentials_are_hidden_in_the_json()
    {
        await using var host = await DemoHost.StartAsync();

        var context = await host.SendAsync(c =>
        {
            c.Request.Path = "/api/request";
            c.Request.Headers.Cookie = "shlogin_session=SESSIONVALUE";
            c.Request.Headers["X-App-Secret"] = "APPSECRET";
        });
        var body = await PageParts.BodyAsync(context);
        using var json = JsonDocument.Parse(body);
        var headers = json.RootElement.GetProperty("headers");

        Assert.DoesNotContain("SESSIONVALUE", body, StringComparison.Ordinal);
        Assert.DoesNotContain("APPSECRET", body, StringComparison.Ordinal);
        Assert.Equal("shlogin_session=(hidden)", headers.GetProperty("Cookie").GetString());
        Assert.Equal("(hidden, 9 characters)", headers.GetProperty("X-App-Secret").GetString());
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.EndsWith("}\n", body, StringComparison.Ordinal);
        return JsonDocument.Parse(body);
    }
}
