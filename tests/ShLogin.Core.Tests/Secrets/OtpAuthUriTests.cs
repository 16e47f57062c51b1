using System.Text;
using ShLogin.Secrets;

namespace ShLogin.Tests.Secrets;

public class OtpAuthUriTests
{
    [Fact]
    public void Uri_names_every_parameter()
    {
        var uri = OtpAuthUri.Build(
            Encoding.ASCII.GetBytes("12345678901234567890"),
            "ShLogin",
            "alice@node 7",
            new TotpParameters(OtpAlgorithm.Sha256, 8, 60));

        Assert.Equal(
            "otpauth://totp/ShLogin:alice%40node%207?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ShLogin&algorithm=SHA256&digits=8&period=60",
            uri);
        var parsed = new Uri(uri);
        Assert.Equal("otpauth", parsed.Scheme);
        Assert.Equal("totp", parsed.Host);
    }

    [Fact]
    public void Issuer_and_account_cannot_inject_parameters()
    {
        var uri = OtpAuthUri.Build([1, 2, 3], "Evil&secret=AAAA", "x?digits=6", TotpParameters.Default);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(uri, "[?&]secret="));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(uri, "[?&]digits="));
    }

    [Fact]
    public void Terminal_qr_is_square_and_drawn_in_half_blocks()
    {
        var lines = TerminalQr.Render("otpauth://totp/ShLogin:a?secret=GEZDGNBVGY3TQOJQ").TrimEnd('\n').Split('\n');
        var width = lines[0].Length;
        Assert.All(lines, line => Assert.Equal(width, line.Length));
        Assert.Equal((width + 1) / 2, lines.Length);
        Assert.All(lines, line => Assert.Matches("^[ █▀▄]+$", line));
        Assert.Contains(lines, line => line.Contains(' ', StringComparison.Ordinal));
        Assert.Matches("^█+$", lines[0]); // the quiet zone around the code is light
    }
}
