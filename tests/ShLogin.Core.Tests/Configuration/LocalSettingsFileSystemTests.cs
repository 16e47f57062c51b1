using ShLogin.Configuration;

namespace ShLogin.Tests.Configuration;

public sealed class LocalSettingsFileSystemTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("shlogin-settings-").FullName;
    private readonly LocalSettingsFileSystem files = LocalSettingsFileSystem.Instance;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Reads_at_most_the_requested_bytes()
    {
        var path = Path.Combine(directory, "big");
        File.WriteAllBytes(path, Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray());

        var prefix = files.ReadPrefix(path, 100);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (byte)i), prefix);
        Assert.Equal(3, files.ReadPrefix(Write("abc"), 100).Length);
    }

    [Fact]
    public void Reports_missing_files_and_directories()
    {
        Assert.False(files.Exists(Path.Combine(directory, "none")));
        Assert.True(files.Exists(directory));
        Assert.Throws<FileNotFoundException>(() => files.ReadPrefix(Path.Combine(directory, "none"), 10));
        Assert.Throws<DirectoryNotFoundException>(() => files.ReadPrefix(Path.Combine(directory, "no", "file"), 10));
        Assert.ThrowsAny<IOException>(() => files.ReadPrefix(directory, 10));
    }

    [Fact]
    public void Group_or_world_readable_files_are_noticed()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix permissions only");
            return;
        }

        var path = Write("secret");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.False(files.IsReadableByOthers(path));

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        Assert.True(files.IsReadableByOthers(path));

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.OtherRead);
        Assert.True(files.IsReadableByOthers(path));
    }

    [Fact]
    public void A_real_secret_file_is_read_through_the_settings_reader()
    {
        var path = Write("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n");

        var settings = new SettingsReader(files).Read(
            new Dictionary<string, string?> { ["SH_LOGIN_TOTP_SECRET_FILE"] = path }, StartFlags.None, directory);

        Assert.Equal("12345678901234567890"u8.ToArray(), settings.TotpSecret);
    }

    private string Write(string text)
    {
        var path = Path.Combine(directory, Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, text);
        return path;
    }
}
