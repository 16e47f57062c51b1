using ShLogin.Vault.Format;

namespace ShLogin.Vault.Tests;

/// <summary>Private directories and cheap KDF settings for tests (the format's limits still apply).</summary>
internal sealed class TestDirectory : IDisposable
{
    public TestDirectory()
    {
        Path = Directory.CreateTempSubdirectory("shlogin-vault-test-").FullName;
        System.IO.File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

internal static class TestVaults
{
    /// <summary>The smallest cost the format accepts with one lane: fast enough to open a vault hundreds of times.</summary>
    public static KdfParameters Cheap { get; } = new(64, 1, 1);

    public const string Passphrase = "correct horse battery staple";
}
