using System.Globalization;
using System.Text;
using ShLogin.Files;
using ShLogin.Secrets;

namespace ShLogin.Configuration;

/// <summary>
/// Turns a TOTP secret given as text or as a file into its key bytes, with the one-line errors of
/// <see cref="ConfigurationException"/>. The secret value is never part of a message.
/// </summary>
public static class TotpSecretReader
{
    /// <summary>RFC 4226 §4 requires a shared secret of at least 128 bits.</summary>
    public const int MinKeyBytes = 16;

    /// <summary>Larger files are refused without reading them whole (e.g. <c>/dev/zero</c>).</summary>
    public const int MaxFileBytes = 4096;

    public static readonly string Accepted =
        string.Create(CultureInfo.InvariantCulture, $"Base32 (RFC 4648) of at least {MinKeyBytes * 8} bits");

    private static readonly string FileAccepted = "a readable file holding " + Accepted;

    /// <summary>Decodes a Base32 secret given directly, e.g. in <c>SH_LOGIN_TOTP_SECRET</c>.</summary>
    public static byte[] FromText(string setting, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Base32.TryDecode(text.Trim(), out var key))
        {
            throw ConfigurationException.ForSecret(setting, text, Accepted);
        }

        if (key.Length < MinKeyBytes)
        {
            throw ConfigurationException.ForSecret(setting, text, Accepted, Bits("it", key.Length));
        }

        return key;
    }

    /// <summary>Reads and decodes a secret file; surrounding whitespace is ignored.</summary>
    /// <param name="setting">What named the file, for messages, e.g. <c>SH_LOGIN_TOTP_SECRET_FILE</c>.</param>
    /// <param name="path">The full path of the file.</param>
    /// <param name="files">The file system.</param>
    public static byte[] FromFile(string setting, string path, ISettingsFileSystem files)
    {
        ArgumentNullException.ThrowIfNull(files);
        byte[] content;
        try
        {
            content = files.ReadPrefix(path, MaxFileBytes + 1);
        }
        catch (UntrustedPathException e)
        {
            // A file someone else could have planted or read: its secret must not be trusted.
            throw new ConfigurationException(setting, path, OwnFileAccepted, e.Fix is null ? e.Reason : $"{e.Reason}; fix: {e.Fix}");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigurationException(setting, path, FileAccepted, "no such file");
        }
        catch (UnauthorizedAccessException)
        {
            throw new ConfigurationException(setting, path, FileAccepted, "the file is not readable (permission denied)");
        }
        catch (IOException e)
        {
            throw new ConfigurationException(setting, path, FileAccepted, "the file cannot be read: " + e.Message);
        }

        if (content.Length > MaxFileBytes)
        {
            throw new ConfigurationException(
                setting, path, FileAccepted, string.Create(CultureInfo.InvariantCulture, $"the file is larger than {MaxFileBytes} bytes"));
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content).Trim();
        }
        catch (DecoderFallbackException)
        {
            throw new ConfigurationException(setting, path, FileAccepted, "the file is not text");
        }

        if (!Base32.TryDecode(text, out var key))
        {
            throw new ConfigurationException(
                setting, path, FileAccepted, $"its content ({ConfigurationException.Hidden(text)}) is not Base32");
        }

        if (key.Length < MinKeyBytes)
        {
            throw new ConfigurationException(setting, path, FileAccepted, Bits("its content", key.Length));
        }

        return key;
    }

    private const string OwnFileAccepted =
        "a file of your own that group and others can neither read nor write, and not a symbolic link";

    private static string Bits(string subject, int bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{subject} decodes to {bytes} bytes ({bytes * 8} bits)");
}
