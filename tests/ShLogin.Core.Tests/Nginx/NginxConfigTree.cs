using System.Text;

namespace ShLogin.Core.Tests.Nginx;

/// <summary>
/// A small reader of nginx syntax for the tests: words, quoted strings (quotes removed), ';', blocks
/// and comments. It throws on what nginx would reject structurally (unbalanced braces, a missing ';').
/// </summary>
internal static class NginxConfigTree
{
    public static NginxDirective Parse(string text)
    {
        var tokens = Tokenize(text);
        var position = 0;
        var directives = ParseBlock(tokens, ref position, topLevel: true);
        return new NginxDirective("(main)", [], directives);
    }

    private static List<NginxDirective> ParseBlock(List<Token> tokens, ref int position, bool topLevel)
    {
        var directives = new List<NginxDirective>();
        while (position < tokens.Count)
        {
            if (tokens[position].Is("}"))
            {
                if (topLevel)
                {
                    throw new FormatException("unexpected '}'");
                }

                position++;
                return directives;
            }

            var words = new List<string>();
            while (position < tokens.Count && !tokens[position].Is(";") && !tokens[position].Is("{") && !tokens[position].Is("}"))
            {
                words.Add(tokens[position++].Text);
            }

            if (position >= tokens.Count || tokens[position].Is("}"))
            {
                throw new FormatException($"directive '{string.Join(' ', words)}' is not terminated by ';'");
            }

            if (words.Count == 0)
            {
                throw new FormatException("empty directive");
            }

            if (tokens[position++].Is(";"))
            {
                directives.Add(new NginxDirective(words[0], words.Skip(1).ToList(), null));
            }
            else
            {
                var block = ParseBlock(tokens, ref position, topLevel: false);
                directives.Add(new NginxDirective(words[0], words.Skip(1).ToList(), block));
            }
        }

        if (!topLevel)
        {
            throw new FormatException("missing '}'");
        }

        return directives;
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c is ';' or '{' or '}')
            {
                tokens.Add(new Token(c.ToString(), Punctuation: true));
                i++;
            }
            else if (c is '"' or '\'')
            {
                var value = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != c)
                {
                    // Like nginx: only \", \' and \\ lose their backslash.
                    if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\'' or '\\')
                    {
                        i++;
                    }

                    value.Append(text[i++]);
                }

                if (i >= text.Length)
                {
                    throw new FormatException("unterminated quoted string");
                }

                i++;
                tokens.Add(new Token(value.ToString(), Punctuation: false));
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not (';' or '{' or '}'))
                {
                    i++;
                }

                tokens.Add(new Token(text[start..i], Punctuation: false));
            }
        }

        return tokens;
    }

    private sealed record Token(string Text, bool Punctuation)
    {
        public bool Is(string symbol) => Punctuation && Text == symbol;
    }
}
