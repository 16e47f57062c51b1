using ShLogin.EndToEndTests.BadInput;
using ShLogin.EndToEndTests.Infrastructure;

namespace ShLogin.EndToEndTests.Hostile;

/// <summary>
/// What another user of the host (<c>nobody</c>) can prepare before the user runs the real
/// <c>sh-login start</c> as root: a runtime directory, a symbolic link, a writable parent, a
/// planted <c>.totp_secret</c>, a ready-file directory. Each is refused with exit code 2 and one
/// line naming the setting and the owner found, before anything is created or started.
/// </summary>
public sealed class HostileLayoutTests : IDisposable
{
    private const UnixFileMode Shared = (UnixFileMode)0x1FF; // 0777
    private readonly List<string> cleanup = [];

    public void Dispose()
    {
        foreach (var path in cleanup)
        {
            if (new FileInfo(path).LinkTarget is not null || File.Exists(path))
            {
                File.Delete(path);
            }
            else if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_runtime_directory_another_user_created_in_tmp_is_refused()
    {
        Requirements.Nginx();
        Requirements.Root("acting as another user (runuser -u nobody) needs root.");
        var planted = InTmp("shl-planted-");
        OtherUser.Run("mkdir", "-m", "0777", planted);

        var line = await BadInputTests.AssertRefusedAsync(Tmpdir(planted), "SH_LOGIN_TMPDIR=");

        Assert.Contains($"{planted} is owned by nobody (uid 65534)", line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(planted));
    }

    [Fact]
    public async Task A_symbolic_link_another_user_planted_in_tmp_is_not_followed()
    {
        Requirements.Nginx();
        Requirements.Root("acting as another user (runuser -u nobody) needs root.");
        using var target = new TemporaryDirectory();
        var link = InTmp("shl-link-");
        OtherUser.Run("ln", "-s", target.Path, link);

        var line = await BadInputTests.AssertRefusedAsync(Tmpdir(link), "SH_LOGIN_TMPDIR=");

        Assert.Contains($"{link} is a symbolic link owned by nobody (uid 65534)", line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(target.Path));
    }

    [Fact]
    public async Task A_runtime_directory_under_a_parent_others_can_write_is_refused_and_not_created()
    {
        Requirements.Nginx();
        using var root = new TemporaryDirectory();
        var open = Directory.CreateDirectory(root.Combine("open")).FullName;
        File.SetUnixFileMode(open, Shared);

        var line = await BadInputTests.AssertRefusedAsync(Tmpdir(Path.Combine(open, "rt")), "SH_LOGIN_TMPDIR=");

        Assert.Contains($"{open} is writable by group and others (mode 0777) and not sticky", line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(open));
    }

    [Fact]
    public async Task A_tmpdir_others_can_write_is_refused_naming_tmpdir()
    {
        Requirements.Nginx();
        using var root = new TemporaryDirectory();
        var open = Directory.CreateDirectory(root.Combine("open")).FullName;
        File.SetUnixFileMode(open, Shared);

        var line = await BadInputTests.AssertRefusedAsync(
            new StackOptions { Environment = new Dictionary<string, string?> { ["TMPDIR"] = open } }, "TMPDIR=");

        Assert.Contains("and not sticky", line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(open));
    }

    [Theory]
    [InlineData(true, 0x180)] // nobody's, 0600
    [InlineData(false, 0x1A4)] // the user's, but 0644
    public async Task A_planted_or_shared_totp_secret_in_the_working_directory_is_refused(bool othersFile, int mode)
    {
        Requirements.Nginx();
        if (othersFile)
        {
            Requirements.Root("handing a file to another user needs root.");
        }

        using var home = new TemporaryDirectory();
        var secret = home.Combine(".totp_secret");
        File.WriteAllText(secret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n");
        File.SetUnixFileMode(secret, (UnixFileMode)mode);
        if (othersFile)
        {
            OtherUser.Own(secret);
        }

        var line = await BadInputTests.AssertRefusedAsync(
            new StackOptions { WorkingDirectory = home.Path, Environment = new Dictionary<string, string?> { ["SH_LOGIN_MODE"] = "totp" } },
            $".totp_secret='{secret}'");

        Assert.Contains(othersFile ? "is owned by nobody (uid 65534)" : "can be read or written by group or others (mode 0644)", line, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {secret}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ready_file_in_a_directory_another_user_owns_is_refused_before_anything_starts()
    {
        Requirements.Nginx();
        Requirements.Root("acting as another user (runuser -u nobody) needs root.");
        var theirs = InTmp("shl-ready-");
        OtherUser.Run("mkdir", theirs);
        var readyFile = Path.Combine(theirs, "ready.json");

        var line = await BadInputTests.AssertRefusedAsync(new StackOptions { ReadyFile = readyFile }, "--ready-file=");

        Assert.Contains($"{theirs} is owned by nobody (uid 65534)", line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(theirs));
    }

    [Theory]
    [InlineData("SH_LOGIN_TMPDIR", "/a\"b")]
    [InlineData("SH_LOGIN_TMPDIR", "/rt;include /etc/passwd;")]
    [InlineData("SH_LOGIN_BIND", "8.8.8.8")]
    public async Task A_value_nginx_cannot_take_is_refused_in_one_line_and_nothing_is_created(string variable, string value)
    {
        Requirements.Nginx();
        using var root = new TemporaryDirectory();
        var given = variable == "SH_LOGIN_TMPDIR" ? root.Path + value : value;

        var line = await BadInputTests.AssertRefusedAsync(
            new StackOptions { Environment = new Dictionary<string, string?> { [variable] = given } }, variable + "=");

        Assert.DoesNotContain("unexpected error", line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(root.Path));
    }

    [Fact]
    public async Task A_runtime_directory_the_user_made_themselves_is_used_and_kept()
    {
        Requirements.Nginx();
        using var root = new TemporaryDirectory();
        var own = Directory.CreateDirectory(root.Combine("me-jupyter")).FullName;
        File.SetUnixFileMode(own, (UnixFileMode)0x1ED); // 0755, as mkdir leaves it

        await using (var stack = await StackProcess.StartAsync(StackOptions.Demo(("SH_LOGIN_TMPDIR", own))))
        {
            Assert.Equal(own, stack.RuntimeDirectory);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(own));
            Assert.Equal(PrivateReadyFile, File.GetUnixFileMode(stack.ReadyFilePath));
        }

        Assert.True(Directory.Exists(own));
    }

    private const UnixFileMode PrivateReadyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static StackOptions Tmpdir(string path) =>
        new() { Environment = new Dictionary<string, string?> { ["SH_LOGIN_TMPDIR"] = path } };

    // A fresh name directly in the sticky /tmp, where another user can create entries.
    private string InTmp(string prefix)
    {
        var path = Path.Combine("/tmp", prefix + Guid.NewGuid().ToString("N")[..10]);
        cleanup.Add(path);
        return path;
    }
}
