namespace ShLogin.LoginService.Security;

/// <summary>
/// Decides where a login may send the browser afterwards: only a path on this site. Anything
/// else (another host, a scheme, tricks browsers read as another host) becomes <c>/</c>.
/// </summary>
/// <remarks>
/// Accepted: starts with exactly one <c>/</c>, only printable ASCII without backslashes,
/// at most <see cref="MaxLength"/> characters, and the same still holds after percent-decoding
/// (so <c>/%2F%2Fevil</c> or <c>/%5Cevil</c> do not pass). nginx sends the original URI
/// percent-encoded, so real paths always fit.
/// </remarks>
public static class NextPath
{
    /// <summary>Where the browser goes when <c>next</c> is missing or refused.</summary>
    public const string Fallback = "/";

    /// <summary>The longest accepted path.</summary>
    public const int MaxLength = 2048;

    private const int MaxDecodingRounds = 3;

    /// <summary>The given path when it is a safe same-site path; otherwise <see cref="Fallback"/>.</summary>
    public static string Sanitize(string? next) => IsSafe(next) ? next! : Fallback;

    /// <summary>True when <paramref name="next"/> is a path on this site that no browser reads as another origin.</summary>
    public static bool IsSafe(string? next)
    {
        if (string.IsNullOrEmpty(next) || next.Length > MaxLength || !IsSafeShape(next))
        {
            return false;
        }

        var current = next;
        for (var round = 0; round < MaxDecodingRounds; round++)
        {
            string decoded;
            try
            {
                decoded = Uri.UnescapeDataString(current);
            }
            catch (UriFormatException)
            {
                return false;
            }

            if (decoded == current)
            {
                return true;
            }

            if (!IsSafeDecodedShape(decoded))
            {
                return false;
            }

            current = decoded;
        }

        // Still changing after several rounds: layered encoding has no honest use here.
        return false;
    }

    private static bool IsSafeShape(string path)
    {
        if (path[0] != '/' || (path.Length > 1 && path[1] is '/' or '\\'))
        {
            return false;
        }

        foreach (var c in path)
        {
            if (c is <= ' ' or > '~' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    // Decoded text may legitimately hold spaces or non-ASCII letters; it must still not turn
    // into another origin, a backslash or a control character.
    private static bool IsSafeDecodedShape(string decoded)
    {
        if (decoded.Length == 0 || decoded[0] != '/' || (decoded.Length > 1 && decoded[1] is '/' or '\\'))
        {
            return false;
        }

        foreach (var c in decoded)
        {
            if (c == '\\' || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
