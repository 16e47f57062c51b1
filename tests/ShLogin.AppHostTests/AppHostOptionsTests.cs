using ShLogin.AppHost;
using ShLogin.Stack;

namespace ShLogin.AppHostTests;

public sealed class AppHostOptionsTests
{
    [Fact]
    public void No_arguments_run_the_demo_on_this_host_with_the_default_timeout()
    {
        var options = AppHostOptions.Parse([], "/work");

        Assert.Null(options.Workload);
        Assert.False(options.Containers);
        Assert.Null(options.ReadyFile);
        Assert.Null(options.OtpServer);
        Assert.Equal(TimeSpan.FromSeconds(60), options.StartupTimeout);
        Assert.False(options.ShowHelp);
    }

    [Fact]
    public void Every_option_is_read_in_both_spellings_and_the_ready_file_is_made_absolute()
    {
        var spaced = AppHostOptions.Parse(["--", "--workload", "python3 -m http.server $SH_LOGIN_PORT", "--containers", "--ready-file", "out/ready.json", "--startup-timeout", "5"], "/work");
        var joined = AppHostOptions.Parse(["--workload=jupyter", "--ready-file=/tmp/r.json", "--startup-timeout=3600"], "/work");

        Assert.Equal("python3 -m http.server $SH_LOGIN_PORT", spaced.Workload);
        Assert.True(spaced.Containers);
        Assert.Equal("/work/out/ready.json", spaced.ReadyFile);
        Assert.Equal(TimeSpan.FromSeconds(5), spaced.StartupTimeout);
        Assert.Equal("jupyter", joined.Workload);
        Assert.Equal("/tmp/r.json", joined.ReadyFile);
        Assert.Equal(TimeSpan.FromSeconds(3600), joined.StartupTimeout);
    }

    [Fact]
    public void The_otp_server_option_takes_sqlite_or_postgres_in_both_spellings()
    {
        Assert.Equal(OtpServerStore.Sqlite, AppHostOptions.Parse(["--otp-server", "sqlite"], "/work").OtpServer);
        Assert.Equal(OtpServerStore.Postgres, AppHostOptions.Parse(["--otp-server=postgres", "--workload", "demo"], "/work").OtpServer);
        Assert.Contains("--otp-server sqlite|postgres", AppHostOptions.Usage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    public void Help_wins_over_everything_else(string help)
    {
        Assert.True(AppHostOptions.Parse(["--workload", "demo", help, "--bogus"], "/work").ShowHelp);
        Assert.Contains("--workload demo|jupyter|\"COMMAND\"", AppHostOptions.Usage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown argument '--bogus'", "--bogus")]
    [InlineData("unknown argument 'demo'", "demo")]
    [InlineData("--workload needs a value", "--workload")]
    [InlineData("--workload is empty", "--workload", " ")]
    [InlineData("--ready-file needs a value", "--ready-file")]
    [InlineData("--containers takes no value", "--containers=yes")]
    [InlineData("--startup-timeout '0' is not accepted; use whole seconds 1-3600", "--startup-timeout", "0")]
    [InlineData("--startup-timeout '3601' is not accepted", "--startup-timeout", "3601")]
    [InlineData("--startup-timeout '-5' is not accepted", "--startup-timeout=-5")]
    [InlineData("--startup-timeout '1e3' is not accepted", "--startup-timeout", "1e3")]
    [InlineData("--startup-timeout ' 7' is not accepted", "--startup-timeout", " 7")]
    [InlineData("--workload was given twice", "--workload", "demo", "--workload=jupyter")]
    [InlineData("--containers was given twice", "--containers", "--containers")]
    [InlineData("--otp-server needs a value", "--otp-server")]
    [InlineData("--otp-server 'mysql' is not accepted; use sqlite or postgres", "--otp-server", "mysql")]
    [InlineData("--otp-server 'Postgres' is not accepted; use sqlite or postgres", "--otp-server=Postgres")]
    [InlineData("--otp-server '' is not accepted; use sqlite or postgres", "--otp-server=")]
    [InlineData("--otp-server was given twice", "--otp-server", "sqlite", "--otp-server=postgres")]
    public void Bad_arguments_are_one_line_naming_the_argument(string expected, params string[] args)
    {
        var exception = Assert.Throws<AppHostUsageException>(() => AppHostOptions.Parse(args, "/work"));

        Assert.StartsWith(expected, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', exception.Message);
    }
}
