using ShLogin.LoginService.Security;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Security;

public sealed class UsedTotpStepFileTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void No_file_means_no_step_used()
    {
        var file = new UsedTotpStepFile(_directory.Combine(UsedTotpStepFile.FileName));

        Assert.Equal(long.MinValue, file.Load());
        Assert.False(File.Exists(file.Path));
    }

    [Fact]
    public void A_saved_step_is_loaded_by_another_instance_from_a_file_only_the_user_can_read()
    {
        var path = _directory.Combine(UsedTotpStepFile.FileName);

        new UsedTotpStepFile(path).Save(56_666_667);

        Assert.Equal(56_666_667, new UsedTotpStepFile(path).Load());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal([UsedTotpStepFile.FileName], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void An_earlier_step_never_replaces_a_later_one()
    {
        var file = new UsedTotpStepFile(_directory.Combine(UsedTotpStepFile.FileName));

        file.Save(100);
        file.Save(99);
        file.Save(100);

        Assert.Equal(100, file.Load());
    }

    [Theory]
    [InlineData("")]
    [InlineData("shlogin-totp-step 1")]
    [InlineData("shlogin-totp-step 1\n")]
    [InlineData("shlogin-totp-step 2\n100\n")]
    [InlineData("100\n")]
    [InlineData("shlogin-totp-step 1\n-100\n")]
    [InlineData("shlogin-totp-step 1\n+100\n")]
    [InlineData("shlogin-totp-step 1\n 100\n")]
    [InlineData("shlogin-totp-step 1\n1e9\n")]
    [InlineData("shlogin-totp-step 1\n99999999999999999999\n")]
    [InlineData("shlogin-totp-step 1\n\u0661\u0660\u0660\n")]
    [InlineData("\0\0\0")]
    public void A_garbled_file_counts_as_no_step_used(string content)
    {
        var path = _directory.Combine(UsedTotpStepFile.FileName);
        File.WriteAllText(path, content);

        Assert.Equal(long.MinValue, new UsedTotpStepFile(path).Load());
    }

    [Fact]
    public void An_oversized_file_is_not_read()
    {
        var path = _directory.Combine(UsedTotpStepFile.FileName);
        File.WriteAllText(path, "shlogin-totp-step 1\n100\n" + new string('#', 10_000));

        Assert.Equal(long.MinValue, new UsedTotpStepFile(path).Load());
    }
}
