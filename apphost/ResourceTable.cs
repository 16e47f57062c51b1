using ShLogin.Stack;
using System.Text;
using ShLogin.Hosting;

namespace ShLogin.AppHost;

/// <summary>The resources as a plain-text table: name, kind, state, endpoint.</summary>
internal static class ResourceTable
{
    private static readonly string[] Headers = ["NAME", "KIND", "STATE", "ENDPOINT"];

    public static string Render(IEnumerable<ResourceSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var rows = snapshots
            .Select(s => new[] { s.Name, s.Kind.ToString(), s.State.ToString(), s.Endpoint ?? "-" })
            .Prepend(Headers)
            .ToList();
        var widths = Enumerable.Range(0, Headers.Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append("  ");
            for (var column = 0; column < row.Length; column++)
            {
                var cell = column == row.Length - 1 ? row[column] : row[column].PadRight(widths[column] + 2);
                text.Append(cell);
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
