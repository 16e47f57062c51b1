using System.Text;

namespace ShLogin.Vault.Transfer;

/// <summary>
/// What <c>otp import</c> reads: a text file of otpauth:// and otpauth-migration:// URIs, one a
/// line (blank lines and # comments ignored), or a PNG/JPEG image of such a QR code.
/// </summary>
public static class ImportSource
{
    /// <summary>The accounts in the file's bytes, and how many entries were left out (HOTP, unknown).</summary>
    /// <exception cref="TransferException">A line or the image is not accepted; the message names the line.</exception>
    public static (IReadOnlyList<ImportedAccount> Accounts, int Skipped) Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var text = QrImage.LooksLikeImage(bytes) ? QrImage.Decode(bytes) : DecodeText(bytes);
        var accounts = new List<ImportedAccount>();
        var skipped = 0;
        var number = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            number++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            try
            {
                if (line.StartsWith(MigrationPayload.Prefix, StringComparison.OrdinalIgnoreCase))
                {
                    var (found, left) = MigrationPayload.ParseUri(line);
                    accounts.AddRange(found);
                    skipped += left;
                }
                else
                {
                    accounts.Add(OtpAuthUriParser.Parse(line));
                }
            }
            catch (TransferException e)
            {
                throw new TransferException($"line {number}: {e.Message}", e);
            }
        }

        return (accounts, skipped);
    }

    private static string DecodeText(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new TransferException("the file is neither UTF-8 text (otpauth URIs) nor a PNG/JPEG image", e);
        }
    }
}
