using System.Globalization;

namespace ShLogin.LoginService.Security;

/// <summary>
/// The last TOTP step a code was accepted for, kept in a 0600 file of the data directory so that a
/// login service restarted by the supervisor (or by the user) still refuses a code that was already
/// used (RFC 6238 §5.2). The file holds a version line and the step number; a missing, oversized or
/// garbled file counts as "no step used yet", which only gives back what a fresh start gives.
/// </summary>
internal sealed class UsedTotpStepFile(string path)
{
    /// <summary>The file name under the data directory.</summary>
    public const string FileName = "totp-used-step";

    private const string Header = "shlogin-totp-step 1";
    private const int MaxLength = 256;

    private readonly Lock _gate = new();
    private long _saved = long.MinValue;

    /// <summary>The file.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The step saved last, or <see cref="long.MinValue"/> when there is none to trust.</summary>
    /// <exception cref="IOException">The file exists but cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file exists but may not be read.</exception>
    public long Load()
    {
        var info = new FileInfo(Path);
        if (!info.Exists || info.Length > MaxLength)
        {
            return long.MinValue;
        }

        var lines = File.ReadAllText(Path).Split('\n');
        return lines.Length >= 2
            && lines[0] == Header
            && long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var step)
            ? step
            : long.MinValue;
    }

    /// <summary>Saves <paramref name="step"/> atomically (0600) unless this object saved a later one already.</summary>
    /// <param name="step">The step of the code just accepted.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    public void Save(long step)
    {
        lock (_gate)
        {
            if (step <= _saved)
            {
                return;
            }

            PrivateFiles.WriteAtomically(Path, string.Create(CultureInfo.InvariantCulture, $"{Header}\n{step}\n"));
            _saved = step;
        }
    }
}
