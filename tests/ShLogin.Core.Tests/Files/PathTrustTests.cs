using ShLogin.Files;
using ShLogin.Testing;
using ShLogin.Testing.Files;

namespace ShLogin.Tests.Files;

/// <summary>Hostile layouts a co-user could prepare, built for real in a temp directory (as root, with chown).</summary>
public sealed class PathTrustTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Shared = (UnixFileMode)0x1FF; // 0777
    private readonly TemporaryDirectory root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void A_directory_of_your_own_is_made_private_and_kept()
    {
        var own = Directory.CreateDirectory(root.Combine("own")).FullName;
        File.SetUnixFileMode(own, Private | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var (path, created) = PrivateDirectory.Ensure(own);

        Assert.Equal(own, path);
        Assert.False(created);
        Assert.Equal(Private, File.GetUnixFileMode(own));
    }

    [Fact]
    public void A_missing_directory_is_created_private_with_its_parents()
    {
        var wanted = root.Combine("a", "b", "rt");

        var (path, created) = PrivateDirectory.Ensure(wanted);

        Assert.Equal(wanted, path);
        Assert.True(created);
        Assert.Equal(Private, File.GetUnixFileMode(wanted));
    }

    [Fact]
    public void A_directory_another_user_created_is_refused_and_left_alone()
    {
        Requirements.Root("handing a directory to another user needs root.");
        var planted = Directory.CreateDirectory(root.Combine("planted")).FullName;
        File.SetUnixFileMode(planted, Shared);
        OtherUser.Own(planted);

        var error = Assert.Throws<UntrustedPathException>(() => PrivateDirectory.Ensure(planted));

        Assert.Contains(planted + " is owned by nobody (uid 65534)", error.Message, StringComparison.Ordinal);
        Assert.Equal(Shared, File.GetUnixFileMode(planted));
    }

    [Fact]
    public void A_directory_below_one_another_user_owns_is_refused_and_not_created()
    {
        Requirements.Root("handing a directory to another user needs root.");
        var theirs = Directory.CreateDirectory(root.Combine("theirs")).FullName;
        OtherUser.Own(theirs);

        var error = Assert.Throws<UntrustedPathException>(() => PrivateDirectory.Ensure(Path.Combine(theirs, "rt")));

        Assert.Contains(theirs + " is owned by nobody (uid 65534)", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(theirs, "rt")));
    }

    [Fact]
    public void A_group_or_world_writable_parent_without_the_sticky_bit_is_refused()
    {
        var open = Directory.CreateDirectory(root.Combine("open")).FullName;
        File.SetUnixFileMode(open, Shared);

        var error = Assert.Throws<UntrustedPathException>(() => PrivateDirectory.Ensure(Path.Combine(open, "rt")));

        Assert.Contains($"{open} is writable by group and others (mode 0777) and not sticky", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(open, "rt")));

        File.SetUnixFileMode(open, Private | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute);
        Assert.Contains("writable by its group", Assert.Throws<UntrustedPathException>(() => PathTrust.RequireDirectory(open)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sticky_parent_such_as_tmp_is_fine()
    {
        var sticky = Directory.CreateDirectory(root.Combine("sticky")).FullName;
        File.SetUnixFileMode(sticky, Shared | UnixFileMode.StickyBit);

        Assert.Equal(sticky, PathTrust.RequireDirectory(sticky));
        Assert.True(PrivateDirectory.Ensure(Path.Combine(sticky, "rt")).Created);
        Assert.StartsWith(sticky + "/gen.", PrivateDirectory.CreateUnique(sticky, "gen.", 8), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sticky_world_writable_directory_is_not_private()
    {
        var sticky = Directory.CreateDirectory(root.Combine("sticky")).FullName;
        File.SetUnixFileMode(sticky, Shared | UnixFileMode.StickyBit);

        var error = Assert.Throws<UntrustedPathException>(() => PrivateDirectory.Ensure(sticky));

        Assert.Contains("writable by group and others (mode 1777)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_of_your_own_is_followed_and_its_target_checked()
    {
        var target = Directory.CreateDirectory(root.Combine("target")).FullName;
        var link = root.Combine("link");
        File.CreateSymbolicLink(link, target);

        Assert.Equal(target, PrivateDirectory.Ensure(link).Path);

        File.SetUnixFileMode(target, Shared);
        Assert.Throws<UntrustedPathException>(() => PrivateDirectory.Ensure(link));
    }

    [Fact]
    public void A_symbolic_link_another_user_owns_is_not_followed()
    {
        Requirements.Root("handing a link to another user needs root.");
        var target = Directory.CreateDirectory(root.Combine("target")).FullName;
        var link = root.Combine("link");
        File.CreateSymbolicLink(link, target);
        OtherUser.Own(link);

        var error = Assert.Throws<UntrustedPathException>(() => PrivateDirectory.Ensure(Path.Combine(link, "rt")));

        Assert.Contains(link + " is a symbolic link owned by nobody (uid 65534)", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(target, "rt")));
    }

    [Fact]
    public void A_relative_link_to_an_untrusted_directory_is_refused()
    {
        var open = Directory.CreateDirectory(root.Combine("open")).FullName;
        File.SetUnixFileMode(open, Shared);
        File.CreateSymbolicLink(root.Combine("link"), "open");

        Assert.Contains(open + " is writable", Assert.Throws<UntrustedPathException>(() => PathTrust.RequireDirectory(root.Combine("link"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dangling_symbolic_link_is_refused_and_its_target_not_created()
    {
        var link = root.Combine("dangling");
        File.CreateSymbolicLink(link, root.Combine("nowhere"));

        var error = Assert.Throws<UntrustedPathException>(() => PrivateDirectory.Ensure(link));

        Assert.Contains($"{link} is a symbolic link to {root.Combine("nowhere")}, which does not exist", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(root.Combine("nowhere")));
    }

    [Fact]
    public void A_symbolic_link_loop_is_refused()
    {
        File.CreateSymbolicLink(root.Combine("a"), root.Combine("b"));
        File.CreateSymbolicLink(root.Combine("b"), root.Combine("a"));

        var error = Assert.Throws<UntrustedPathException>(() => PrivateDirectory.Ensure(root.Combine("a", "rt")));

        Assert.Contains("too many levels of symbolic links", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_in_the_way_is_refused()
    {
        File.WriteAllText(root.Combine("file"), "x");

        Assert.Contains("is not a directory", Assert.Throws<UntrustedPathException>(() => PrivateDirectory.Ensure(root.Combine("file"))).Message, StringComparison.Ordinal);
        Assert.Contains("is not a directory", Assert.Throws<UntrustedPathException>(() => PrivateDirectory.Ensure(root.Combine("file", "rt"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_directory_is_not_a_trusted_one()
    {
        Assert.Contains("does not exist", Assert.Throws<UntrustedPathException>(() => PathTrust.RequireDirectory(root.Combine("none"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_taken_by_another_user_is_never_reused_for_a_new_directory()
    {
        Requirements.Root("handing a directory to another user needs root.");
        var parent = Directory.CreateDirectory(root.Combine("parent")).FullName;

        for (var i = 0; i < 20; i++)
        {
            var made = PrivateDirectory.CreateUnique(parent, "x.", 1);
            Assert.Equal(Private, File.GetUnixFileMode(made));
            OtherUser.Own(made);
        }

        Assert.All(Directory.GetDirectories(parent), d => Assert.StartsWith(parent + "/x.", d, StringComparison.Ordinal));
    }

    [Fact]
    public void The_system_directories_on_the_way_to_tmp_are_trusted()
    {
        Assert.Equal("/tmp", PathTrust.RequireDirectory("/tmp"));
        Assert.Equal("/", PathTrust.RequireDirectory("/"));
    }
}
