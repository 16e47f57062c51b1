using ShLogin.Configuration;
using ShLogin.Testing;
using ShLogin.Testing.Files;

namespace ShLogin.Stack.Tests;

/// <summary>A runtime directory another user prepared is refused with one line naming the variable and the owner.</summary>
public sealed class RuntimeDirectoryTrustTests : IDisposable
{
    private readonly TemporaryDirectory root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void A_directory_another_user_made_is_refused_naming_the_variable_and_the_owner()
    {
        Requirements.Root("handing a directory to another user needs root.");
        var planted = Directory.CreateDirectory(root.Combine("planted")).FullName;
        OtherUser.Own(planted);

        var error = Assert.Throws<ConfigurationException>(() =>
            StackSettings.CreateRuntimeDirectory(new ShLoginSettings { TmpDir = planted }, new Dictionary<string, string?>()));

        Assert.Equal("SH_LOGIN_TMPDIR", error.Setting);
        var expected = $"SH_LOGIN_TMPDIR='{planted}' is not valid: {planted} is owned by nobody (uid 65534); only root may own it; expected a directory of your own";
        Assert.True(error.Message.StartsWith(expected, StringComparison.Ordinal), error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(planted));
    }

    [Fact]
    public void A_temporary_root_others_can_write_without_the_sticky_bit_is_refused_naming_tmpdir()
    {
        var open = Directory.CreateDirectory(root.Combine("open")).FullName;
        File.SetUnixFileMode(open, (UnixFileMode)0x1FF);

        var error = Assert.Throws<ConfigurationException>(() =>
            StackSettings.CreateRuntimeDirectory(new ShLoginSettings { TemporaryRoot = open }, new Dictionary<string, string?>()));

        Assert.Equal("TMPDIR", error.Setting);
        Assert.Contains("is writable by group and others (mode 0777) and not sticky", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(open));
    }

    [Fact]
    public void A_directory_of_your_own_is_used_kept_and_made_private()
    {
        var own = Directory.CreateDirectory(root.Combine("own")).FullName;
        File.SetUnixFileMode(own, (UnixFileMode)0x1ED); // 0755

        using (var runtime = StackSettings.CreateRuntimeDirectory(new ShLoginSettings { TmpDir = own }, new Dictionary<string, string?>()))
        {
            Assert.False(runtime.Created);
            Assert.Equal(own, runtime.Path);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(own));
        }

        Assert.True(Directory.Exists(own));
    }
}
