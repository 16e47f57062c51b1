using System.Text;
using QRCoder;

namespace ShLogin.Secrets;

/// <summary>QR codes drawn with Unicode half blocks, two modules a character row, for a terminal.</summary>
public static class TerminalQr
{
    private const int QuietZone = 2;

    /// <summary>
    /// Renders <paramref name="text"/> as a QR code (error correction M). Dark modules are spaces
    /// and light ones blocks, so the code scans on the usual dark terminal background.
    /// </summary>
    public static string Render(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;

        // QRCoder's matrix already carries a 4-module quiet zone; trim it to QuietZone.
        var trim = 4 - QuietZone;
        var size = matrix.Count - (2 * trim);
        bool Dark(int row, int column) =>
            row >= 0 && row < size && column >= 0 && column < size && matrix[row + trim][column + trim];

        var output = new StringBuilder();
        for (var row = 0; row < size; row += 2)
        {
            for (var column = 0; column < size; column++)
            {
                var top = !Dark(row, column);
                var bottom = !Dark(row + 1, column) && row + 1 < size;
                output.Append((top, bottom) switch
                {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    _ => ' ',
                });
            }

            output.Append('\n');
        }

        return output.ToString();
    }
}
