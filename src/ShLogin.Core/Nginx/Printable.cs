using System.Text;

namespace ShLogin.Nginx;

/// <summary>Makes user input safe to echo in a one-line error message.</summary>
internal static class Printable
{
    private const int MaxLength = 120;

    public static string Of(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }

        var builder = new StringBuilder(Math.Min(value.Length, MaxLength) + 2);
        builder.Append('"');
        foreach (var c in value.Length > MaxLength ? value[..MaxLength] : value)
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        builder.Append(value.Length > MaxLength ? "…\"" : "\"");
        return builder.ToString();
    }
}
