using ShLogin.Stack;
using ShLogin.AppHost;
using ShLogin.Hosting;
using ShLogin.Hosting.Resources;

namespace ShLogin.AppHostTests;

public sealed class ResourceTableTests
{
    [Fact]
    public void Columns_line_up_under_their_headers_and_a_resource_without_endpoint_shows_a_dash()
    {
        var table = ResourceTable.Render(
        [
            new ResourceSnapshot("app", ResourceKind.Project, ResourceState.Running, "unix:/tmp/sh-login.x/app.sock", 10, null),
            new ResourceSnapshot("nginx", ResourceKind.Container, ResourceState.Restarting, "http://127.0.0.1:43123", null, "exited"),
            new ResourceSnapshot("worker", ResourceKind.Executable, ResourceState.Waiting, null, null, null),
        ]);

        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("  NAME    KIND        STATE       ENDPOINT", lines[0]);
        Assert.Equal("  app     Project     Running     unix:/tmp/sh-login.x/app.sock", lines[1]);
        Assert.Equal("  nginx   Container   Restarting  http://127.0.0.1:43123", lines[2]);
        Assert.Equal("  worker  Executable  Waiting     -", lines[3]);
    }
}
