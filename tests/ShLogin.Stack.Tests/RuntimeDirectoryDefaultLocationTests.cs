
namespace ShLogin.Stack.Tests;

/// <summary>With no SH_LOGIN_TMPDIR, the runtime directory is a new private one under the given temporary root.</summary>
public sealed class RuntimeDirectoryDefaultLocationTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("shl-rt-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_new_private_directory_is_created_under_the_temporary_root_and_removed_at_the_end()
    {
        string path;
        using (var runtime = RuntimeDirectory.Create(requested: null, root))
        {
            path = runtime.Path;
            Assert.True(runtime.Created);
            Assert.Equal(root, Path.GetDirectoryName(path));
            Assert.StartsWith("sh-login.", Path.GetFileName(path), StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
        }

        Assert.False(Directory.Exists(path));
    }

    [Fact]
    public void Two_stacks_under_the_same_root_get_different_directories()
    {
        using var first = RuntimeDirectory.Create(requested: null, root);
        using var second = RuntimeDirectory.Create(requested: null, root);

        Assert.NotEqual(first.Path, second.Path);
    }

    [Fact]
    public void A_missing_temporary_root_is_created()
    {
        var missing = Path.Combine(root, "not-yet");

        using var runtime = RuntimeDirectory.Create(requested: null, missing);

        Assert.Equal(missing, Path.GetDirectoryName(runtime.Path));
    }
}
