using ShLogin.Configuration;

namespace ShLogin.Stack.Tests;

/// <summary>A runtime directory whose unix socket paths would be too long is refused before anything is made.</summary>
public sealed class RuntimeDirectorySocketPathTests
{
    // "/auth.sock" is the longest socket name; "/sh-login.XXXXXXXX" the generated directory.
    private const int SocketSuffix = 10;
    private const int GeneratedSuffix = 18;

    private static string PathOfLength(int length) => "/" + new string('d', length - 1);

    [Fact]
    public void A_given_directory_may_be_as_long_as_leaves_107_bytes_for_its_longest_socket()
    {
        Assert.Null(RuntimeDirectory.SocketPathProblem(PathOfLength(107 - SocketSuffix), generatedUnder: false));

        var problem = RuntimeDirectory.SocketPathProblem(PathOfLength(108 - SocketSuffix), generatedUnder: false);
        Assert.NotNull(problem);
        Assert.Contains("108-byte paths", problem, StringComparison.Ordinal);
        Assert.Contains("allows 107", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parent_leaves_room_for_the_generated_name_too()
    {
        Assert.Null(RuntimeDirectory.SocketPathProblem(PathOfLength(107 - SocketSuffix - GeneratedSuffix), generatedUnder: true));
        Assert.NotNull(RuntimeDirectory.SocketPathProblem(PathOfLength(108 - SocketSuffix - GeneratedSuffix), generatedUnder: true));
    }

    [Fact]
    public void Bytes_count_not_characters()
    {
        var twoByteCharacters = "/" + new string('é', 48);

        Assert.Equal(97, System.Text.Encoding.UTF8.GetByteCount(twoByteCharacters));
        Assert.Null(RuntimeDirectory.SocketPathProblem(twoByteCharacters, generatedUnder: false));
        Assert.NotNull(RuntimeDirectory.SocketPathProblem(twoByteCharacters + "x", generatedUnder: false));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_too_long_directory_is_a_configuration_error_naming_the_variable_and_nothing_is_created(bool fromTmpDir)
    {
        var root = Directory.CreateTempSubdirectory("shl-long-").FullName;
        try
        {
            var tooLong = Path.Combine(root, new string('d', 120));
            var settings = fromTmpDir ? new ShLoginSettings { TemporaryRoot = tooLong } : new ShLoginSettings { TmpDir = tooLong, TemporaryRoot = root };
            var environment = new Dictionary<string, string?>();

            var error = Assert.Throws<ConfigurationException>(() => StackSettings.CreateRuntimeDirectory(settings, environment));

            Assert.Equal(fromTmpDir ? "TMPDIR" : "SH_LOGIN_TMPDIR", error.Setting);
            Assert.Contains("107", error.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
