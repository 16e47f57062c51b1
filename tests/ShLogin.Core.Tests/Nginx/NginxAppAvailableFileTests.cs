using ShLogin.Nginx;
using Xunit;

namespace ShLogin.Core.Tests.Nginx;

public sealed class NginxAppAvailableFileTests
{
    private const string RuntimeDirectory = "/tmp/shlogin.Available/run";

    private static readonly NginxRuntimePaths Paths = new(RuntimeDirectory);

    private static readonly NginxSiteOptions Site = new()
    {
        Listen = new ListenEndpoint("127.0.0.1", 9124),
        AuthUpstream = Upstream.Parse($"unix:{RuntimeDirectory}/auth.sock"),
        AppUpstream = Upstream.Parse("127.0.0.1:23456"),
        SessionGate = new NginxSessionGate(Paths.SessionGateDirectory, "shlogin_9124_gate", "token-user"),
        AppAvailableFile = Paths.AppAvailableFile,
    };

    [Theory]
    [InlineData("/")]
    [InlineData("@shlogin_checked")]
    public void Every_location_that_proxies_to_the_app_answers_503_unless_the_file_exists(string name)
    {
        var location = Server(Site).Single("location", name);

        var check = Assert.Single(location.Children("if"), directive => string.Join(' ', directive.Arguments).Contains(Paths.AppAvailableFile, StringComparison.Ordinal));
        Assert.StartsWith("(!-f", check.Arguments[0], StringComparison.Ordinal);
        check.Single("return", "503");
        var names = location.Block!.ToList();
        Assert.True(names.IndexOf(check) < names.FindIndex(directive => directive.Name == "proxy_pass"));
    }

    [Fact]
    public void The_file_lives_in_nginx_private_directory()
    {
        Assert.Equal(Path.Combine(Paths.Directory, "app-verified"), Paths.AppAvailableFile);
    }

    [Fact]
    public void Without_the_option_nothing_is_tested()
    {
        var config = NginxConfigRenderer.Render(Site with { AppAvailableFile = null }, Paths, workerUser: null, NginxWorkerLimits.For(2, 20000));

        Assert.DoesNotContain("app-verified", config, StringComparison.Ordinal);
        Assert.DoesNotContain(Paths.AppAvailableFile, config, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/tmp/a;b/app-verified")]
    [InlineData("/tmp/a\"b/app-verified")]
    [InlineData("/tmp/$x/app-verified")]
    public void A_path_that_would_be_read_as_syntax_is_refused(string path)
    {
        Assert.ThrowsAny<ArgumentException>(() => NginxConfigRenderer.Render(Site with { AppAvailableFile = path }, Paths, workerUser: null, NginxWorkerLimits.For(2, 20000)));
    }

    private static NginxDirective Server(NginxSiteOptions site) =>
        NginxConfigTree.Parse(NginxConfigRenderer.Render(site, Paths, workerUser: null, NginxWorkerLimits.For(2, 20000))).Single("http").Single("server");
}
