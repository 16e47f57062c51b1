using ShLogin.Hosting.Stack;

namespace ShLogin.Hosting.Tests.Stack;

public class ContainerDetectionTests
{
    private static readonly Dictionary<string, string?> NoVariables = [];

    [Theory]
    [InlineData("/.dockerenv")]
    [InlineData("/run/.containerenv")]
    public void Docker_and_podman_containers_have_their_own_network(string marker)
    {
        Assert.True(ContainerDetection.HasOwnNetwork(NoVariables, path => path == marker));
        Assert.Equal("0.0.0.0", ContainerDetection.DefaultBind(NoVariables, path => path == marker));
    }

    [Theory]
    [InlineData("APPTAINER_CONTAINER")]
    [InlineData("SINGULARITY_CONTAINER")]
    public void Apptainer_shares_the_host_network_even_with_a_container_marker(string variable)
    {
        var environment = new Dictionary<string, string?> { [variable] = "/images/shlogin.sif" };
        Assert.False(ContainerDetection.HasOwnNetwork(environment, _ => true));
        Assert.Equal("127.0.0.1", ContainerDetection.DefaultBind(environment, _ => true));
    }

    [Fact]
    public void A_plain_host_binds_loopback() =>
        Assert.Equal("127.0.0.1", ContainerDetection.DefaultBind(NoVariables, _ => false));
}
