using Microsoft.Playwright;
using QRCoder;
using ShLogin.EndToEndTests.Infrastructure;
using ShLogin.Secrets;
using ShLogin.Testing.Processes;

namespace ShLogin.EndToEndTests.Otp;

/// <summary>
/// <c>sh-login start --app otp</c>: the TOTP vault's web view behind the login, in Chromium. What
/// the page shows is what <c>sh-login otp get</c> prints for the same vault.
/// </summary>
public sealed class OtpWorkloadTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private const string Passphrase = "correct horse battery staple";
    private readonly string _directory = CreatePrivateDirectory();

    private string VaultPath => Path.Combine(_directory, "otp.vault");

    private string PassphraseFile => Path.Combine(_directory, "passphrase");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Signed_in_the_user_adds_accounts_by_uri_and_qr_sees_the_codes_sh_login_otp_get_prints_and_removes_one()
    {
        Requirements.Nginx();
        File.WriteAllText(PassphraseFile, Passphrase + "\n");
        File.SetUnixFileMode(PassphraseFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await OtpAsync("init", "--kdf-memory", "8", "--kdf-iterations", "1");

        await using var stack = await StackProcess.StartAsync(StackOptions.Demo(
            ("SH_LOGIN_APP", "otp"),
            ("SH_LOGIN_OTP_VAULT", VaultPath),
            ("SH_LOGIN_OTP_PASSPHRASE_FILE", PassphraseFile)));
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        // The vault is behind the login.
        await page.GotoAsync(stack.Url.ToString());
        var login = new LoginPage(page);
        Assert.True(await login.IsShownAsync(), $"An unauthenticated request shows {page.Url}, not the login page.");
        await login.SignInWithTokenAsync(stack.Token);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Authenticator" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".empty")).ToContainTextAsync("No accounts yet");

        // Add by pasting an otpauth URI (a long period: the code cannot roll over during the comparison).
        await page.Locator("input[name=uri]").FillAsync("otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example&period=3600");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.notice")).ToContainTextAsync("Added Example.");
        await Screenshots.SaveAsync(page, "otp-page");
        await AssertSameCodeAsync(page, "Example");

        // Add by uploading a QR code image.
        var image = Path.Combine(_directory, "qr.png");
        using (var data = QRCodeGenerator.GenerateQrCode(
            OtpAuthUri.Build(Base32.Decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), "Bank", "bob", new TotpParameters(OtpAlgorithm.Sha256, 8, 3600)),
            QRCodeGenerator.ECCLevel.M))
        {
            File.WriteAllBytes(image, new PngByteQRCode(data).GetGraphic(6));
        }

        await page.Locator("details.add summary").ClickAsync();
        await page.Locator("input[name=qr]").SetInputFilesAsync(image);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.notice")).ToContainTextAsync("Added Bank.");
        await AssertSameCodeAsync(page, "Bank");

        // Search filters the list; the countdown counts.
        await page.Locator("#search").FillAsync("bank");
        await Assertions.Expect(page.Locator(".account", new() { HasText = "Example" })).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".account", new() { HasText = "Bank" })).ToBeVisibleAsync();
        await page.Locator("#search").FillAsync(string.Empty);
        var left = page.Locator(".account", new() { HasText = "Example" }).Locator(".left");
        var first = await left.TextContentAsync();
        await Assertions.Expect(left).Not.ToHaveTextAsync(first!, new() { Timeout = 10_000 });

        // A form posted from elsewhere (no token of the page) is refused.
        var forged = await page.EvaluateAsync<int>(
            "async () => (await fetch('add', { method: 'POST', body: new URLSearchParams({ uri: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP' }) })).status");
        Assert.Equal(403, forged);

        // Remove asks first.
        await page.Locator(".account", new() { HasText = "Example" }).GetByRole(AriaRole.Link, new() { Name = "Remove Example" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Remove Example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Assertions.Expect(page.Locator(".account")).ToHaveCountAsync(1);
        var list = await OtpAsync("list");
        Assert.DoesNotMatch(@"(?m)^Example\s", list.StandardOutput);
        Assert.Matches(@"(?m)^Bank\s+Bank\s+SHA256\s+8\s+3600s$", list.StandardOutput);

        // The page carries its security headers, and the passphrase is in no process's arguments.
        var response = await page.GotoAsync(stack.Url.ToString());
        Assert.Contains("frame-ancestors 'none'", response!.Headers["content-security-policy"], StringComparison.Ordinal);
        foreach (var process in stack.Descendants())
        {
            Assert.DoesNotContain(Passphrase, process.CommandLine, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_wrong_passphrase_stops_start_with_one_line_and_nothing_started()
    {
        Requirements.Nginx();
        File.WriteAllText(PassphraseFile, Passphrase + "\n");
        File.SetUnixFileMode(PassphraseFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await OtpAsync("init", "--kdf-memory", "8", "--kdf-iterations", "1");
        File.WriteAllText(PassphraseFile, "not the passphrase\n");

        await using var stack = StackProcess.Launch(StackOptions.Demo(
            ("SH_LOGIN_APP", "otp"),
            ("SH_LOGIN_OTP_VAULT", VaultPath),
            ("SH_LOGIN_OTP_PASSPHRASE_FILE", PassphraseFile)));
        var exitCode = await stack.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Contains("sh-login: wrong passphrase", stack.StandardError, StringComparison.Ordinal);
    }

    private async Task AssertSameCodeAsync(IPage page, string account)
    {
        var code = page.Locator($"output.code[data-account=\"{account}\"]");
        for (var attempt = 0; ; attempt++)
        {
            var before = await code.TextContentAsync();
            var printed = (await OtpAsync("get", account)).StandardOutput.Trim();
            var after = await code.TextContentAsync();
            if (before == after || attempt == 2)
            {
                Assert.Equal(printed, after);
                Assert.Matches("^[0-9]{6,8}$", printed);
                return;
            }
        }
    }

    private async Task<ProcessResult> OtpAsync(params string[] args)
    {
        var command = ShLoginExecutable.Command;
        var result = await ProcessRunner.RunAsync(
            command[0],
            [.. command.Skip(1), "otp", .. args],
            new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["SH_LOGIN_OTP_VAULT"] = VaultPath,
                ["SH_LOGIN_OTP_PASSPHRASE_FILE"] = PassphraseFile,
            },
            TimeSpan.FromSeconds(120));
        Assert.True(result.ExitCode == 0, $"sh-login otp {string.Join(' ', args)}: {result}");
        return result;
    }

    private static string CreatePrivateDirectory()
    {
        var path = Directory.CreateTempSubdirectory("shlogin-otp-e2e-").FullName;
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
