using ShLogin.Hosting.Stack;

namespace ShLogin.Hosting.Tests.Stack;

public sealed class RuntimeDirectoryTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly string _root = Directory.CreateTempSubdirectory("shlogin-runtime-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Without_a_requested_directory_a_new_private_one_is_made_under_the_temporary_root_and_removed_at_the_end()
    {
        string first;
        using (var runtime = RuntimeDirectory.Create(null, _root))
        using (var second = RuntimeDirectory.Create(null, _root))
        {
            first = runtime.Path;
            Assert.True(runtime.Created);
            Assert.Equal(_root, Path.GetDirectoryName(runtime.Path));
            Assert.Matches(@"^sh-login\.[A-Za-z0-9]{6,}$", Path.GetFileName(runtime.Path));
            Assert.Equal(Private, File.GetUnixFileMode(runtime.Path));
            Assert.NotEqual(runtime.Path, second.Path);
        }

        Assert.False(Directory.Exists(first));
    }

    [Fact]
    public void A_temporary_root_that_cannot_hold_directories_is_an_IOException()
    {
        var file = Path.Combine(_root, "not-a-directory");
        File.WriteAllText(file, "x");

        Assert.ThrowsAny<IOException>(() => RuntimeDirectory.Create(null, file));
    }
}
