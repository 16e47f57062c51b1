using ShLogin.Nginx;
using Xunit;

namespace ShLogin.Core.Tests.Nginx;

public sealed class NginxRuntimePathsTests
{
    [Theory]
    [InlineData("/tmp/shlogin.abc", "/tmp/shlogin.abc/nginx")]
    [InlineData("/tmp/shlogin.abc/", "/tmp/shlogin.abc/nginx")]
    [InlineData("/home/Jane Doe/run", "/home/Jane Doe/run/nginx")]
    [InlineData("/", "/nginx")]
    public void Puts_every_file_in_the_nginx_directory_inside_the_runtime_directory(string runtime, string directory)
    {
        var paths = new NginxRuntimePaths(runtime);

        Assert.Equal(directory, paths.Directory);
        Assert.Equal(directory + "/nginx.conf", paths.ConfigFile);
        Assert.Equal(directory + "/nginx.pid", paths.PidFile);
        Assert.Equal(directory + "/nginx.lock", paths.LockFile);
    }

    [Theory]
    [InlineData("")]
    [InlineData("relative/dir")]
    [InlineData("/tmp/a;b")]
    [InlineData("/tmp/a\nb")]
    [InlineData("/tmp/a{b")]
    [InlineData("/tmp/a}b")]
    [InlineData("/tmp/a\"b")]
    [InlineData("/tmp/a'b")]
    [InlineData("/tmp/$HOME")]
    [InlineData("/tmp/a\\b")]
    public void Rejects_relative_or_unsafe_directories(string runtime)
    {
        var exception = Assert.Throws<ArgumentException>(() => new NginxRuntimePaths(runtime));

        Assert.DoesNotContain('\n', exception.Message);
    }
}
