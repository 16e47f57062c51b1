using ShLogin.Nginx;
using Xunit;

namespace ShLogin.Core.Tests.Nginx;

public sealed class NginxSessionGateDirectoryTests : IDisposable
{
    private const string Key = "0123456789abcdef0123456789abcdef";
    private const string OtherKey = "fedcba9876543210fedcba9876543210";
    private readonly string _root = Directory.CreateTempSubdirectory("shlogin-gate-").FullName;

    private string GateDirectory => Path.Combine(_root, "nginx", "sessions");

    [Fact]
    public void Lists_a_session_as_a_private_empty_file_in_a_private_directory()
    {
        NginxSessionGateDirectory.Add(GateDirectory, Key);

        var entry = Path.Combine(GateDirectory, Key);
        Assert.Equal(0, new FileInfo(entry).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(entry));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(GateDirectory));
        Assert.Equal([Key], NginxSessionGateDirectory.List(GateDirectory));
    }

    [Fact]
    public void Adding_twice_and_removing_twice_are_harmless()
    {
        NginxSessionGateDirectory.Add(GateDirectory, Key);
        NginxSessionGateDirectory.Add(GateDirectory, Key);
        Assert.Equal([Key], NginxSessionGateDirectory.List(GateDirectory));

        NginxSessionGateDirectory.Remove(GateDirectory, Key);
        NginxSessionGateDirectory.Remove(GateDirectory, Key);
        Assert.Empty(NginxSessionGateDirectory.List(GateDirectory));
    }

    [Fact]
    public void Replace_leaves_exactly_the_given_sessions_and_nothing_else()
    {
        NginxSessionGateDirectory.Add(GateDirectory, Key);
        File.WriteAllText(Path.Combine(GateDirectory, "planted"), "");
        Directory.CreateDirectory(Path.Combine(GateDirectory, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
        File.CreateSymbolicLink(Path.Combine(GateDirectory, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"), "/etc/passwd");

        NginxSessionGateDirectory.Replace(GateDirectory, [OtherKey]);

        Assert.Equal([OtherKey], Directory.EnumerateFileSystemEntries(GateDirectory).Select(Path.GetFileName));
        Assert.True(File.Exists("/etc/passwd"));
    }

    [Fact]
    public void Clear_unlists_everything_and_accepts_a_missing_directory()
    {
        NginxSessionGateDirectory.Clear(GateDirectory);
        NginxSessionGateDirectory.Add(GateDirectory, Key);
        NginxSessionGateDirectory.Add(GateDirectory, OtherKey);

        NginxSessionGateDirectory.Clear(GateDirectory);

        Assert.Empty(Directory.EnumerateFileSystemEntries(GateDirectory));
    }

    [Theory]
    [MemberData(nameof(NginxSessionMapTests.HostileKeys), MemberType = typeof(NginxSessionMapTests))]
    public void Refuses_any_key_but_32_lowercase_hex_digits_and_writes_nothing(string key)
    {
        Assert.Throws<ArgumentException>(() => NginxSessionGateDirectory.Add(GateDirectory, key));
        Assert.Throws<ArgumentException>(() => NginxSessionGateDirectory.Remove(GateDirectory, key));
        Assert.Throws<ArgumentException>(() => NginxSessionGateDirectory.Replace(GateDirectory, [Key, key]));

        Assert.False(Directory.Exists(GateDirectory));
    }

    [Fact]
    public void An_existing_symlink_in_the_place_of_an_entry_is_not_followed()
    {
        var target = Path.Combine(_root, "target");
        File.WriteAllText(target, "keep");
        NginxSessionGateDirectory.EnsureExists(GateDirectory);
        File.CreateSymbolicLink(Path.Combine(GateDirectory, Key), target);

        NginxSessionGateDirectory.Add(GateDirectory, Key);
        NginxSessionGateDirectory.Remove(GateDirectory, Key);

        Assert.Equal("keep", File.ReadAllText(target));
        Assert.Empty(Directory.EnumerateFileSystemEntries(GateDirectory));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
