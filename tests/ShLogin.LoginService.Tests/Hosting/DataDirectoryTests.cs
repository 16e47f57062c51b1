using ShLogin.Configuration;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Hosting;

public class DataDirectoryTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = Private | UnixFileMode.UserExecute;

    [Fact]
    public async Task Keys_and_sessions_are_readable_by_the_owner_only()
    {
        using var directory = new TemporaryDirectory();
        var data = directory.Combine("data");
        await using var host = await LoginServiceHost.StartAsync(LoginServiceHost.OptionsFor(AuthMode.Token, data, LoginServiceHost.NewClock()));
        using var login = await host.NewBrowser().LoginAsync(TestSecrets.Token);

        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(data));
        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(Path.Combine(data, LoginServiceApp.KeysDirectoryName)));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(data, LoginServiceApp.SessionsFileName)));
        var keyFiles = Directory.GetFiles(Path.Combine(data, LoginServiceApp.KeysDirectoryName));
        Assert.NotEmpty(keyFiles);
        Assert.All(keyFiles, file => Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(file) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)));
    }

    [Fact]
    public async Task An_open_keys_directory_is_closed_at_start()
    {
        using var directory = new TemporaryDirectory();
        var keys = Directory.CreateDirectory(directory.Combine("data", LoginServiceApp.KeysDirectoryName)).FullName;
        File.SetUnixFileMode(keys, PrivateDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        await using var host = await LoginServiceHost.StartAsync(LoginServiceHost.OptionsFor(AuthMode.Token, directory.Combine("data"), LoginServiceHost.NewClock()));

        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(keys));
    }

    [Fact]
    public async Task No_secret_is_written_to_the_data_directory()
    {
        using var directory = new TemporaryDirectory();
        var data = directory.Combine("data");
        await using var host = await LoginServiceHost.StartAsync(LoginServiceHost.OptionsFor(AuthMode.TokenAndTotp, data, LoginServiceHost.NewClock()));
        using var login = await host.NewBrowser().LoginAsync(TestSecrets.Token, TestSecrets.CodeAt(host.Time.GetUtcNow()));

        foreach (var file in Directory.GetFiles(data, "*", SearchOption.AllDirectories))
        {
            var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            Assert.DoesNotContain(TestSecrets.Token, text, StringComparison.Ordinal);
            Assert.DoesNotContain("12345678901234567890", text, StringComparison.Ordinal);
            Assert.DoesNotContain("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", text, StringComparison.Ordinal);
        }
    }
}
