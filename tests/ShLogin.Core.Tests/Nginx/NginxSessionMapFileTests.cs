using ShLogin.Nginx;
using Xunit;

namespace ShLogin.Core.Tests.Nginx;

public sealed class NginxSessionMapFileTests : IDisposable
{
    private const string Key = "0123456789abcdef0123456789abcdef";
    private readonly string _directory = Directory.CreateTempSubdirectory("shlogin-map-").FullName;

    private string MapFile => Path.Combine(_directory, "nginx", "sessions.map");

    [Fact]
    public void Writes_a_private_file_in_a_private_directory()
    {
        NginxSessionMapFile.Write(MapFile, [new(Key, "token-user")]);

        Assert.Contains($"{Key} token-user;", File.ReadAllText(MapFile), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(MapFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(MapFile)!));
    }

    [Fact]
    public void Replaces_the_file_and_leaves_no_temporary_file_behind()
    {
        NginxSessionMapFile.Write(MapFile, [new(Key, "token-user")]);
        NginxSessionMapFile.Write(MapFile, [new("fedcba9876543210fedcba9876543210", "token-user")]);

        var text = File.ReadAllText(MapFile);
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        Assert.Contains("fedcba9876543210fedcba9876543210", text, StringComparison.Ordinal);
        Assert.Equal(["sessions.map"], Directory.GetFiles(Path.GetDirectoryName(MapFile)!).Select(Path.GetFileName));
    }

    [Fact]
    public void A_hostile_entry_leaves_the_old_file_untouched()
    {
        NginxSessionMapFile.Write(MapFile, [new(Key, "token-user")]);
        var before = File.ReadAllText(MapFile);

        Assert.Throws<ArgumentException>(() => NginxSessionMapFile.Write(MapFile, [new("x; default 1", "token-user")]));

        Assert.Equal(before, File.ReadAllText(MapFile));
    }

    [Fact]
    public void Clear_empties_the_map_and_EnsureExists_keeps_an_existing_one()
    {
        NginxSessionMapFile.EnsureExists(MapFile);
        Assert.DoesNotContain(";", File.ReadAllText(MapFile), StringComparison.Ordinal);

        NginxSessionMapFile.Write(MapFile, [new(Key, "token-user")]);
        NginxSessionMapFile.EnsureExists(MapFile);
        Assert.Contains(Key, File.ReadAllText(MapFile), StringComparison.Ordinal);

        NginxSessionMapFile.Clear(MapFile);
        Assert.DoesNotContain(Key, File.ReadAllText(MapFile), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
