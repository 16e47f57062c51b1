using System.Globalization;
using ShLogin.Secrets;

namespace ShLogin.Vault.Transfer;

/// <summary>
/// Reads <c>otpauth://totp/LABEL?secret=…&amp;issuer=…&amp;algorithm=…&amp;digits=…&amp;period=…</c>
/// (Google's Key Uri Format). Only TOTP: HOTP counters would have to be written back on every use.
/// </summary>
public static class OtpAuthUriParser
{
    /// <summary>The longest URI accepted.</summary>
    public const int MaxLength = 4096;

    /// <summary>Reads one otpauth URI.</summary>
    /// <exception cref="TransferException">It is not a TOTP otpauth URI with a valid secret and parameters.</exception>
    public static ImportedAccount Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Length > MaxLength)
        {
            throw new TransferException($"the otpauth URI is longer than {MaxLength} characters");
        }

        const string Prefix = "otpauth://";
        if (!text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new TransferException("not an otpauth URI: expected otpauth://totp/LABEL?secret=BASE32");
        }

        var rest = text[Prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var type = slash < 0 ? rest : rest[..slash];
        if (!type.Equals("totp", StringComparison.OrdinalIgnoreCase))
        {
            throw new TransferException($"otpauth type '{Shorten(type)}' is not supported: only totp (time-based codes)");
        }

        rest = slash < 0 ? string.Empty : rest[(slash + 1)..];
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        var label = Decode(question < 0 ? rest : rest[..question]);
        var query = question < 0 ? string.Empty : rest[(question + 1)..];
        var fragment = query.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0)
        {
            query = query[..fragment];
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            if (!values.TryAdd(name, value))
            {
                throw new TransferException($"the otpauth URI names '{Shorten(name)}' twice");
            }
        }

        var secret = ParseSecret(values.GetValueOrDefault("secret"));
        var (labelIssuer, account) = SplitLabel(label);
        var issuer = values.GetValueOrDefault("issuer") ?? labelIssuer;
        return new ImportedAccount
        {
            Issuer = issuer,
            AccountName = account,
            Secret = secret,
            Parameters = ParseParameters(values),
        };
    }

    /// <summary>A Base32 secret as people paste it: any case, spaces, dashes and padding allowed.</summary>
    /// <exception cref="TransferException">It is empty, not Base32, or too long.</exception>
    public static byte[] ParseSecret(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new TransferException("the secret is missing: expected Base32 (letters A-Z and digits 2-7)");
        }

        var compact = new string([.. text.Where(c => c is not (' ' or '-' or '=' or '\t'))]).ToUpperInvariant();
        if (compact.Length == 0 || !Base32.TryDecode(compact, out var secret) || secret.Length == 0)
        {
            throw new TransferException("the secret is not Base32: expected letters A-Z and digits 2-7 (spaces and dashes are ignored)");
        }

        return secret.Length > Accounts.OtpAccount.MaxSecretBytes
            ? throw new TransferException($"the secret is longer than {Accounts.OtpAccount.MaxSecretBytes} bytes")
            : secret;
    }

    private static TotpParameters ParseParameters(Dictionary<string, string> values)
    {
        var algorithm = OtpAlgorithm.Sha1;
        if (values.TryGetValue("algorithm", out var algorithmText))
        {
            try
            {
                algorithm = TotpParameters.ParseAlgorithm(algorithmText);
            }
            catch (FormatException)
            {
                throw new TransferException($"algorithm '{Shorten(algorithmText)}' is not supported: expected SHA1, SHA256 or SHA512");
            }
        }

        var digits = Number(values, "digits", 6, TotpParameters.MinDigits, TotpParameters.MaxDigits);
        var period = Number(values, "period", 30, 1, TotpParameters.MaxPeriodSeconds);
        return new TotpParameters(algorithm, digits, period);
    }

    private static int Number(Dictionary<string, string> values, string name, int fallback, int min, int max)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new TransferException($"{name} '{Shorten(text)}' is not accepted: expected a whole number {min}-{max}");
    }

    private static (string Issuer, string Account) SplitLabel(string label)
    {
        var colon = label.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (string.Empty, label.Trim()) : (label[..colon].Trim(), label[(colon + 1)..].Trim());
    }

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException e)
        {
            throw new TransferException("the otpauth URI has a bad %-escape", e);
        }
    }

    private static string Shorten(string text)
    {
        var printable = new string([.. text.Where(c => !char.IsControl(c))]);
        return printable.Length <= 40 ? printable : printable[..37] + "...";
    }
}
