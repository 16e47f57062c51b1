using System.Text;
using ShLogin.Files;
using ShLogin.Testing;
using ShLogin.Testing.Files;

namespace ShLogin.Tests.Files;

public sealed class PrivateFileTests : IDisposable
{
    private readonly TemporaryDirectory root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void A_written_file_is_0600_and_replaces_the_old_one()
    {
        var path = root.Combine("file");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, (UnixFileMode)0x1B6); // 0666

        PrivateFile.WriteAtomically(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(PrivateFile.Mode, File.GetUnixFileMode(path));
        Assert.Equal(["file"], Directory.GetFileSystemEntries(root.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_symbolic_link_at_the_target_is_replaced_not_followed()
    {
        var victim = root.Combine("victim");
        File.WriteAllText(victim, "precious");
        var path = root.Combine("ready.json");
        File.CreateSymbolicLink(path, victim);

        PrivateFile.WriteAtomically(path, "token");

        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.Equal("token", File.ReadAllText(path));
    }

    [Fact]
    public void Temporary_names_are_unpredictable_and_never_opened_if_they_exist()
    {
        var path = root.Combine("file");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 50; i++)
        {
            PrivateFile.WriteAtomically(path, stream =>
            {
                var temporary = Directory.GetFiles(root.Path, ".file.*.tmp").Single();
                names.Add(temporary);

                // Another user's file or link at the temporary name would make CreateNew fail, not be written.
                Assert.Equal(PrivateFile.Mode, File.GetUnixFileMode(temporary));
                stream.Write("x"u8);
            });
        }

        Assert.Equal(50, names.Count);
        Assert.All(names, name => Assert.Matches(@"/\.file\.[0-9A-F]{24}\.tmp$", name));
    }

    [Fact]
    public void A_failed_write_leaves_no_temporary_file_and_the_old_content()
    {
        var path = root.Combine("file");
        File.WriteAllText(path, "old");

        Assert.Throws<InvalidOperationException>(() => PrivateFile.WriteAtomically(path, _ => throw new InvalidOperationException()));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(root.Path));
    }

    [Fact]
    public void A_secret_of_your_own_is_read()
    {
        var path = Secret("SECRET", PrivateFile.Mode);

        Assert.Equal("SECRET", Encoding.ASCII.GetString(PrivateFile.ReadOwnSecret(path, 100)));
        Assert.Equal("SEC", Encoding.ASCII.GetString(PrivateFile.ReadOwnSecret(path, 3)));
    }

    [Theory]
    [InlineData(0x1A4)] // 0644
    [InlineData(0x1A0)] // 0640
    [InlineData(0x190)] // 0620
    [InlineData(0x182)] // 0602
    public void A_secret_others_can_read_or_write_is_refused_with_the_fix(int mode)
    {
        var path = Secret("SECRET", (UnixFileMode)mode);

        var error = Assert.Throws<UntrustedPathException>(() => PrivateFile.ReadOwnSecret(path, 100));

        Assert.Contains("can be read or written by group or others", error.Reason, StringComparison.Ordinal);
        Assert.Equal($"chmod 600 {path}", error.Fix);
    }

    [Fact]
    public void A_secret_another_user_owns_is_refused_with_the_fix()
    {
        Requirements.Root("handing a file to another user needs root.");
        var path = Secret("SECRET", PrivateFile.Mode);
        OtherUser.Own(path);

        var error = Assert.Throws<UntrustedPathException>(() => PrivateFile.ReadOwnSecret(path, 100));

        Assert.Contains($"{path} is owned by nobody (uid 65534), not by you", error.Reason, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {path}", error.Fix, StringComparison.Ordinal);
        Assert.Contains("chown", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_to_a_secret_is_not_followed()
    {
        var target = Secret("SECRET", PrivateFile.Mode);
        var link = root.Combine("link");
        File.CreateSymbolicLink(link, target);

        var error = Assert.Throws<UntrustedPathException>(() => PrivateFile.ReadOwnSecret(link, 100));

        Assert.Contains("is a symbolic link", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pipe_of_your_own_is_read_through_dev_fd()
    {
        // bash's <(...) hands the reader /dev/fd/N: the kernel's link to a pipe this process holds.
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        var path = "/dev/fd/" + pipe.ClientSafePipeHandle.DangerousGetHandle();
        var written = Task.Run(() =>
        {
            pipe.Write("FROM-PIPE"u8);
            pipe.Dispose();
        }, TestContext.Current.CancellationToken);

        var content = PrivateFile.ReadOwnSecret(path, 100);
        await written;

        Assert.Equal("FROM-PIPE", Encoding.ASCII.GetString(content));
    }

    [Fact]
    public void A_planted_named_pipe_does_not_hang_the_reader()
    {
        Requirements.Root("handing a pipe to another user needs root.");
        var path = root.Combine("fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", path))
        {
            mkfifo.WaitForExit();
        }

        OtherUser.Own(path);

        Assert.Throws<UntrustedPathException>(() => PrivateFile.ReadOwnSecret(path, 100));
    }

    [Fact]
    public void Missing_files_and_directories_are_reported_as_such()
    {
        Assert.Throws<FileNotFoundException>(() => PrivateFile.ReadOwnSecret(root.Combine("none"), 10));
        Assert.Throws<DirectoryNotFoundException>(() => PrivateFile.ReadOwnSecret(root.Combine("no", "file"), 10));
        Assert.Contains("directory", Assert.ThrowsAny<IOException>(() => PrivateFile.ReadOwnSecret(root.Path, 10)).Message, StringComparison.Ordinal);
    }

    private string Secret(string text, UnixFileMode mode)
    {
        var path = root.Combine(Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
