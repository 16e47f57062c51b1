using System.Text;
using ShLogin.Configuration;

namespace ShLogin.Tests.Configuration;

/// <summary>Files in memory, with failures the real disk only shows to non-root users.</summary>
internal sealed class FakeSettingsFileSystem : ISettingsFileSystem
{
    private readonly Dictionary<string, byte[]> contents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Exception> failures = new(StringComparer.Ordinal);
    private readonly HashSet<string> shared = new(StringComparer.Ordinal);

    public List<string> Reads { get; } = [];

    public FakeSettingsFileSystem WithFile(string path, string text, bool readableByOthers = false) =>
        WithFile(path, Encoding.UTF8.GetBytes(text), readableByOthers);

    public FakeSettingsFileSystem WithFile(string path, byte[] content, bool readableByOthers = false)
    {
        contents[path] = content;
        if (readableByOthers)
        {
            shared.Add(path);
        }

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

        return contents.TryGetValue(path, out var content)
            ? content[..Math.Min(maxBytes, content.Length)]
            : throw new FileNotFoundException("not found", path);
    }

    public bool IsReadableByOthers(string path) => shared.Contains(path);
}
