using System.Text;

namespace ShLogin.Cli;

/// <summary>A prompt on the terminal whose answer is not echoed (passphrases and secrets).</summary>
internal static class HiddenPrompt
{
    private const int MaxLength = 4096;

    /// <summary>The line typed after <paramref name="prompt"/> (shown on stderr), or null at end of input.</summary>
    public static string? Read(string prompt)
    {
        Console.Error.Write(prompt);
        var text = new StringBuilder();
        try
        {
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                if (key.Key is ConsoleKey.Enter)
                {
                    return text.ToString();
                }

                if (key.Key is ConsoleKey.Backspace)
                {
                    text.Length = Math.Max(0, text.Length - 1);
                }
                else if (key.Key is ConsoleKey.D && key.Modifiers.HasFlag(ConsoleModifiers.Control) && text.Length == 0)
                {
                    return null;
                }
                else if (!char.IsControl(key.KeyChar) && text.Length < MaxLength)
                {
                    text.Append(key.KeyChar);
                }
            }
        }
        finally
        {
            Console.Error.WriteLine();
        }
    }
}
