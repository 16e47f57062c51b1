using System.Text;

namespace ShLogin.LoginService.Tests.TestSupport;

/// <summary>
/// Seeded generator of what an attacker sends: random text of every kind, pieces that have fooled
/// URL and cookie parsers before, and small mutations of valid values. One seed, so every run
/// checks the same cases and a failure names the case that broke.
/// </summary>
internal sealed class HostileInput(int seed)
{
    // Pieces that break naive path, URL, header and cookie handling.
    private static readonly string[] Fragments =
    [
        "/", "//", "///", "\\", "/\\", "\\/", "%2F", "%2f", "%5C", "%5c", "%25", "%", "%%", "%zz", "%0d%0a", "%00", "%09",
        "\r\n", "\n", "\r", "\t", "\0", " ", "@", ":", "?", "#", "..", "./", "/../", "javascript:", "data:", "http://evil.example",
        "https:", "//evil.example", "\\\\evil.example", "evil.example", "%252F", "%25252F%25252F", "%2F%2F", "/%2F", "/%5C",
        "é", "\u2028", "\u00A0", "\uFEFF", "\uFF0F", "\u2215", "\u3000", ";", ",", "=", "\"", "'", "<", ">", "&", "+", "~", "*",
        "$", "{", "}", "|", "^", "`", "[", "]", "\u007F", "\u0085", "ÿ", "CfDJ8", "=="
    ];

    private readonly Random _random = new(seed);

    /// <summary>Any string: fragments, random characters of any kind, long runs, or nothing.</summary>
    public string AnyText(int maxLength = 300) => _random.Next(10) switch
    {
        < 4 => Pieces(maxLength),
        < 7 => RandomCharacters(_random.Next(maxLength + 1)),
        < 8 => Repeat(Fragments[_random.Next(Fragments.Length)], _random.Next(maxLength * 4)),
        < 9 => "/" + Pieces(maxLength),
        _ => "",
    };

    /// <summary>A string that can travel in an HTTP header (printable ASCII and tab), as a cookie value.</summary>
    public string HeaderText(int maxLength = 300)
    {
        var text = AnyText(maxLength);
        var safe = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            safe.Append(c is '\t' or (>= ' ' and <= '~') ? c : (char)(' ' + (c % 95)));
        }

        return safe.ToString();
    }

    /// <summary>A small change of <paramref name="valid"/>: one character changed, dropped or added, cut short, doubled, case flipped, wrapped.</summary>
    public string Mutate(string valid)
    {
        ArgumentNullException.ThrowIfNull(valid);
        var position = valid.Length == 0 ? 0 : _random.Next(valid.Length);
        return _random.Next(9) switch
        {
            0 when valid.Length > 0 => valid[..position] + (char)(valid[position] ^ (1 << _random.Next(7))) + valid[(position + 1)..],
            1 when valid.Length > 0 => valid.Remove(position, 1),
            2 => valid.Insert(position, RandomCharacters(1 + _random.Next(3))),
            3 => valid[..position],
            4 => valid + valid,
            5 => string.Concat(valid.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c))),
            6 => Fragments[_random.Next(Fragments.Length)] + valid,
            7 => valid + Fragments[_random.Next(Fragments.Length)],
            _ => valid.Insert(position, Fragments[_random.Next(Fragments.Length)]),
        };
    }

    /// <summary>True with the given chance.</summary>
    public bool Chance(double probability) => _random.NextDouble() < probability;

    /// <summary>A number in [0, <paramref name="below"/>).</summary>
    public int Below(int below) => _random.Next(below);

    private string Pieces(int maxLength)
    {
        var text = new StringBuilder();
        var count = 1 + _random.Next(8);
        for (var i = 0; i < count && text.Length < maxLength; i++)
        {
            text.Append(_random.Next(3) == 0 ? RandomCharacters(1 + _random.Next(6)) : Fragments[_random.Next(Fragments.Length)]);
        }

        return text.ToString();
    }

    private string RandomCharacters(int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(_random.Next(10) switch
            {
                < 7 => (char)_random.Next(' ', '~' + 1),
                7 => (char)_random.Next(0, ' '),
                8 => (char)_random.Next(0x80, 0x100),
                // Any BMP character except lone surrogates, which no client can send.
                _ => (char)_random.Next(0x100, 0xD800),
            });
        }

        return text.ToString();
    }

    private static string Repeat(string piece, int length)
    {
        var text = new StringBuilder(length + piece.Length);
        while (text.Length < length)
        {
            text.Append(piece);
        }

        return text.ToString();
    }
}
