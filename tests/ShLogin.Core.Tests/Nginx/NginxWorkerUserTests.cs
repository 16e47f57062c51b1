using ShLogin.Nginx;
using Xunit;

namespace ShLogin.Core.Tests.Nginx;

public sealed class NginxWorkerUserTests
{
    [Fact]
    public void Keeps_valid_names()
    {
        var user = new NginxWorkerUser("root", "wheel");

        Assert.Equal("root", user.Name);
        Assert.Equal("wheel", user.Group);
        Assert.Null(new NginxWorkerUser("jane.doe-1").Group);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-root")]
    [InlineData("root;")]
    [InlineData("root nobody")]
    [InlineData("root\n")]
    [InlineData("ro{ot")]
    [InlineData("$USER")]
    public void Rejects_invalid_names(string name)
    {
        Assert.Throws<ArgumentException>(() => new NginxWorkerUser(name));
        Assert.Throws<ArgumentException>(() => new NginxWorkerUser("root", name));
    }

    [Fact]
    public void For_the_current_process_names_a_user_only_when_privileged()
    {
        var user = NginxWorkerUser.ForCurrentProcess();

        Assert.Equal(Environment.IsPrivilegedProcess, user is not null);
        if (user is not null)
        {
            Assert.Equal(Environment.UserName, user.Name);
        }
    }
}
