using System.Security.Cryptography;
using ShLogin.Files;

namespace ShLogin.OtpServer.Secrets;

/// <summary>
/// The server key: 32 random bytes, hex, in a file of the invoking user's that nobody else may read
/// (0600). Every instance sharing one database needs the same file; without it the stored seeds
/// are noise.
/// </summary>
public static class ServerKeyFile
{
    private const int MaxFileBytes = 256;

    /// <summary>Reads the key in <paramref name="path"/>.</summary>
    /// <exception cref="OtpServerConfigurationException">Missing, not private, or not a key.</exception>
    public static byte[] Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] content;
        try
        {
            content = PrivateFile.ReadOwnSecret(path, MaxFileBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or UntrustedPathException)
        {
            throw new OtpServerConfigurationException($"server key file {path}: {e.Message} (run 'sh-login otp-server init' to create one, mode 0600)", e);
        }

        var text = System.Text.Encoding.ASCII.GetString(content).Trim();
        try
        {
            var key = Convert.FromHexString(text);
            if (key.Length == SeedCipher.KeyBytes)
            {
                return key;
            }
        }
        catch (FormatException)
        {
            // Reported below, without the content.
        }

        throw new OtpServerConfigurationException($"server key file {path}: not a key (accepted: {SeedCipher.KeyBytes * 2} hex digits, as 'sh-login otp-server init' writes)");
    }

    /// <summary>Creates <paramref name="path"/> (0600, never over an existing file) with a new key; false when it exists already.</summary>
    public static bool CreateIfMissing(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var key = RandomNumberGenerator.GetBytes(SeedCipher.KeyBytes);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = PrivateFile.Mode,
        };
        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(key) + "\n"));
            stream.Flush(flushToDisk: true);
            return true;
        }
        catch (IOException) when (File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            return false;
        }
    }
}
