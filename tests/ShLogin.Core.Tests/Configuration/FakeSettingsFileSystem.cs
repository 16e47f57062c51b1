using System.Text;
using ShLogin.Configuration;
using ShLogin.Files;

namespace ShLogin.Tests.Configuration;

/// <summary>
/// Files in memory, with failures the real disk only shows to non-root users. Each file has an
/// owner and a mode, judged by the same rule as <see cref="PrivateFile.ReadOwnSecret"/>.
/// </summary>
internal sealed class FakeSettingsFileSystem : ISettingsFileSystem
{
    private readonly Dictionary<string, (byte[] Content, FileStatus Status)> contents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Exception> failures = new(StringComparer.Ordinal);

    public List<string> Reads { get; } = [];

    public FakeSettingsFileSystem WithFile(string path, string text, UnixFileMode mode = PrivateFile.Mode, uint? owner = null) =>
        WithFile(path, Encoding.UTF8.GetBytes(text), mode, owner);

    public FakeSettingsFileSystem WithFile(string path, byte[] content, UnixFileMode mode = PrivateFile.Mode, uint? owner = null)
    {
        contents[path] = (content, new FileStatus(FileKind.Regular, owner ?? UserAccounts.EffectiveUserId, mode));
        return this;
    }

    public FakeSettingsFileSystem WithFailure(string path, Exception failure)
    {
        failures[path] = failure;
        return this;
    }

    public bool Exists(string path) => contents.ContainsKey(path) || failures.ContainsKey(path);

    public byte[] ReadPrefix(string path, int maxBytes)
    {
        Reads.Add(path);
        if (failures.TryGetValue(path, out var failure))
        {
            throw failure;
        }

        if (!contents.TryGetValue(path, out var file))
        {
            throw new FileNotFoundException("not found", path);
        }

        PrivateFile.RequireOwnSecret(path, file.Status, UserAccounts.EffectiveUserId);
        return file.Content[..Math.Min(maxBytes, file.Content.Length)];
    }
}
