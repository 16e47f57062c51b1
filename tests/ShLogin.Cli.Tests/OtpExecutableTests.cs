using System.Diagnostics;
using System.Globalization;
using System.Text;
using ShLogin.Secrets;
using ShLogin.Testing.Processes;

namespace ShLogin.Cli.Tests;

/// <summary><c>sh-login otp</c> as its own process (the JIT build or the native binary): crashes in the middle of a save, and codes against oathtool.</summary>
public sealed class OtpExecutableTests : IDisposable
{
    private const string Passphrase = "correct horse battery staple";
    private readonly string _directory;

    public OtpExecutableTests()
    {
        _directory = Directory.CreateTempSubdirectory("shlogin-otp-exe-").FullName;
        File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(PassphraseFile, Passphrase + "\n");
        File.SetUnixFileMode(PassphraseFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private string VaultPath => Path.Combine(_directory, "otp.vault");

    private string PassphraseFile => Path.Combine(_directory, "passphrase");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(1)] // killed before the backup is renamed into place
    [InlineData(2)] // killed after the backup, before the vault is renamed into place
    public async Task A_process_killed_between_write_and_rename_loses_nothing(int renameToHoldAt)
    {
        await RunOkAsync(["otp", "init", "--kdf-memory", "8", "--kdf-iterations", "1"]);
        await RunOkAsync(["otp", "add", "first"], "JBSWY3DPEHPK3PXP");
        var before = File.ReadAllBytes(VaultPath);
        var marker = Path.Combine(_directory, "holding");

        var start = ProcessRunner.CreateStartInfo(ShLoginExecutable.Program, ["otp", "add", "second"], Environment());
        start.Environment["SH_LOGIN_OTP_TEST_HOLD_BEFORE_RENAME"] = $"{renameToHoldAt}:{marker}";
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync("GEZDGNBVGY3TQOJQ");
        process.StandardInput.Close();
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(marker))
        {
            if (process.HasExited)
            {
                Assert.Fail("sh-login exited before it reached the rename: " + await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "sh-login did not reach the rename within 60 s");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        // The new file is written and flushed under its temporary name; the process dies before the rename.
        try
        {
            Assert.NotEmpty(Directory.GetFiles(_directory, ".otp.vault*.tmp"));
        }
        finally
        {
            process.Kill();
        }

        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(before, File.ReadAllBytes(VaultPath));
        var list = await RunOkAsync(["otp", "list"]);
        Assert.Matches(@"(?m)^first\s", list.StandardOutput);
        Assert.DoesNotMatch(@"(?m)^second\s", list.StandardOutput);
        if (renameToHoldAt == 2)
        {
            Assert.Equal(before, File.ReadAllBytes(VaultPath + ".bak"));
        }

        // The next save works despite the leftover temporary file.
        await RunOkAsync(["otp", "add", "second"], "GEZDGNBVGY3TQOJQ");
        Assert.Matches(@"(?m)^second\s", (await RunOkAsync(["otp", "list"])).StandardOutput);
    }

    [Fact]
    public async Task Get_prints_the_codes_oathtool_computes_for_random_secrets()
    {
        var oathtool = Requirements.OathTool();
        await RunOkAsync(["otp", "init", "--kdf-memory", "8", "--kdf-iterations", "1"]);
        var random = new Random(13);
        var algorithms = new[] { "SHA1", "SHA256", "SHA512" };
        var lines = new StringBuilder();
        var cases = new List<(string Name, string Secret, string Algorithm, int Digits, int Period)>();
        for (var i = 0; i < 6; i++)
        {
            var secret = new byte[random.Next(10, 40)];
            random.NextBytes(secret);
            var entry = ($"acct{i}", Base32.Encode(secret), algorithms[i % 3], 6 + (i % 3), i % 2 == 0 ? 30 : 60);
            cases.Add(entry);
            lines.Append(CultureInfo.InvariantCulture, $"otpauth://totp/acct{i}?secret={entry.Item2}&algorithm={entry.Item3}&digits={entry.Item4}&period={entry.Item5}\n");
        }

        var file = Path.Combine(_directory, "accounts.txt");
        File.WriteAllText(file, lines.ToString());
        await RunOkAsync(["otp", "import", file]);

        foreach (var (name, secret, algorithm, digits, period) in cases)
        {
            var time = random.NextInt64(0, 4_000_000_000).ToString(CultureInfo.InvariantCulture);
            var ours = await RunOkAsync(["otp", "get", name, "--time", time]);
            var theirs = await ProcessRunner.RunAsync(oathtool, [
                "--totp=" + algorithm.ToLowerInvariant(), "--base32", $"--digits={digits}", $"--time-step-size={period}s", "--now=@" + time, secret,
            ]);
            Assert.True(theirs.ExitCode == 0, theirs.ToString());
            Assert.Equal(theirs.StandardOutput, ours.StandardOutput);
        }
    }

    [Fact]
    public async Task The_passphrase_never_appears_in_the_arguments_and_the_help_offers_no_way_to_pass_it()
    {
        var help = await RunOkAsync(["otp", "init", "--help"]);

        Assert.DoesNotContain("--passphrase", help.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("SH_LOGIN_OTP_PASSPHRASE_FILE", help.StandardOutput, StringComparison.Ordinal);
    }

    private Dictionary<string, string?> Environment() => new(StringComparer.Ordinal)
    {
        ["SH_LOGIN_OTP_VAULT"] = VaultPath,
        ["SH_LOGIN_OTP_PASSPHRASE_FILE"] = PassphraseFile,
    };

    private async Task<ProcessResult> RunOkAsync(string[] args, string? input = null)
    {
        var result = await ProcessRunner.RunAsync(ShLoginExecutable.Program, args, Environment(), TimeSpan.FromSeconds(120), input ?? string.Empty);
        Assert.True(result.ExitCode == 0, $"sh-login {string.Join(' ', args)}: {result}");
        return result;
    }
}
