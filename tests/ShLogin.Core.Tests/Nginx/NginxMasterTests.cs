using System.Globalization;
using ShLogin.Nginx;
using Xunit;

namespace ShLogin.Core.Tests.Nginx;

public sealed class NginxMasterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("shlogin-pid-").FullName;

    private string PidFile => Path.Combine(_directory, "nginx.pid");

    [Fact]
    public void Without_a_pid_file_nothing_is_signalled()
    {
        var problem = NginxMaster.TryReload(PidFile);

        Assert.NotNull(problem);
        Assert.Contains("no nginx pid file", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("1")]
    [InlineData("12 34")]
    public void A_pid_file_without_a_usable_pid_is_refused(string content)
    {
        File.WriteAllText(PidFile, content);

        Assert.Contains("does not hold a process id", NginxMaster.TryReload(PidFile), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pid_that_is_not_an_nginx_master_is_never_signalled()
    {
        // This test process is running but is no nginx master.
        File.WriteAllText(PidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");

        var problem = NginxMaster.TryReload(PidFile, TimeSpan.FromMilliseconds(50));

        Assert.Contains("is not an nginx master", problem, StringComparison.Ordinal);
        Assert.False(NginxMaster.IsNginxMaster(Environment.ProcessId));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
