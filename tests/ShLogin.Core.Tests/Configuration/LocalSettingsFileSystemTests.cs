using ShLogin.Configuration;
using ShLogin.Files;
using ShLogin.Testing;
using ShLogin.Testing.Files;

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
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

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

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    [InlineData(UnixFileMode.OtherWrite)]
    public void Group_or_world_accessible_files_are_refused(UnixFileMode extra)
    {
        var path = Write("secret");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);

        Assert.Throws<UntrustedPathException>(() => files.ReadPrefix(path, 10));
    }

    [Fact]
    public void A_secret_file_another_user_owns_is_refused_through_the_settings_reader()
    {
        Requirements.Root("handing a file to another user needs root.");
        var path = Write("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n");
        OtherUser.Own(path);

        var error = Assert.Throws<ConfigurationException>(() => new SettingsReader(files).Read(
            new Dictionary<string, string?> { ["SH_LOGIN_TOTP_SECRET_FILE"] = path }, StartFlags.None, directory));

        Assert.StartsWith($"SH_LOGIN_TOTP_SECRET_FILE='{path}' is not valid: {path} is owned by nobody (uid 65534), not by you", error.Message, StringComparison.Ordinal);
        Assert.Contains("chown", error.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {path}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_planted_working_directory_secret_is_refused_not_used()
    {
        var path = Path.Combine(directory, ".totp_secret");
        File.WriteAllText(path, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n");
        File.SetUnixFileMode(path, (UnixFileMode)0x1A4); // 0644

        var error = Assert.Throws<ConfigurationException>(() => new SettingsReader(files).Read(
            new Dictionary<string, string?> { ["SH_LOGIN_MODE"] = "totp" }, StartFlags.None, directory));

        Assert.StartsWith($".totp_secret='{path}' is not valid: {path} can be read or written by group or others (mode 0644); fix: chmod 600 {path}", error.Message, StringComparison.Ordinal);
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
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }
}
