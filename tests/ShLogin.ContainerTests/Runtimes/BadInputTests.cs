using ShLogin.ContainerTests.Infrastructure;

namespace ShLogin.ContainerTests.Runtimes;

/// <summary>A wrong SH_LOGIN_* value given with <c>-e</c> reaches the user as one line in the container's log and exit code 2.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData(ContainerImages.Jupyter)]
    [InlineData(ContainerImages.ShLogin)]
    public async Task An_invalid_port_variable_stops_the_container_with_exit_code_2_and_one_line_naming_it(string imageName)
    {
        var image = await ContainerImages.RequireAsync(imageName);
        await using var container = await RunningContainer.StartAsync(Containers.Of(image).WithEnvironment("SH_LOGIN_NGINX", "abc"), mayExitAtOnce: true);

        var exitCode = await container.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var logs = await container.LogsAsync();

        Assert.True(exitCode == 2, $"exit {exitCode}\n{logs}");
        var line = Assert.Single(logs.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("sh-login: ", line, StringComparison.Ordinal);
        Assert.Contains("SH_LOGIN_NGINX", line, StringComparison.Ordinal);
        Assert.Contains("abc", line, StringComparison.Ordinal);
    }
}
