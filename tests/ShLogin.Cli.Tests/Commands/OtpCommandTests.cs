using QRCoder;
using ShLogin.Secrets;

namespace ShLogin.Cli.Tests.Commands;

/// <summary><c>sh-login otp …</c> in-process: a private vault, a 0600 passphrase file, input piped or typed at a (simulated) terminal.</summary>
public sealed class OtpCommandTests : IDisposable
{
    private const string Passphrase = "correct horse battery staple";
    private const string Secret = "JBSWY3DPEHPK3PXP";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_111_111_109);

    private readonly string _directory;

    public OtpCommandTests()
    {
        _directory = Directory.CreateTempSubdirectory("shlogin-otp-cli-").FullName;
        File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(PassphraseFile, Passphrase + "\n");
        File.SetUnixFileMode(PassphraseFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private string VaultPath => Path.Combine(_directory, "otp.vault");

    private string PassphraseFile => Path.Combine(_directory, "passphrase");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Init_creates_a_0600_vault_and_never_overwrites_one()
    {
        var created = await RunAsync(["otp", "init", "--kdf-memory", "8", "--kdf-iterations", "1"]);
        Assert.Equal(0, created.ExitCode);
        Assert.Contains("Created the vault " + VaultPath, created.Output, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(VaultPath));
        var before = File.ReadAllBytes(VaultPath);

        var again = await RunAsync(["otp", "init", "--kdf-memory", "8"]);

        Assert.Equal(2, again.ExitCode);
        Assert.Equal($"sh-login: {VaultPath} already exists; refusing to overwrite a vault (remove it yourself to start over)\n", again.Error);
        Assert.Equal(before, File.ReadAllBytes(VaultPath));
    }

    [Fact]
    public async Task Add_from_standard_input_then_list_shows_no_secret_and_get_prints_the_code()
    {
        await InitAsync();

        var added = await RunAsync(["otp", "add", "work", "--issuer", "GitHub", "--digits", "8", "--algorithm", "sha256"], input: Secret + "\n");
        Assert.Equal(0, added.ExitCode);
        Assert.Equal("Added 'work' (GitHub): SHA256, 8 digits, 30 s.\n", added.Output);

        var list = await RunAsync(["otp", "list"]);
        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"(?m)^work\s+GitHub\s+SHA256\s+8\s+30s$", list.Output);
        Assert.DoesNotContain(Secret, list.Output, StringComparison.Ordinal);

        var get = await RunAsync(["otp", "get", "WORK"]);
        var expected = new Totp(Base32.Decode(Secret), new TotpParameters(OtpAlgorithm.Sha256, 8, 30)).ComputeAt(Now);
        Assert.Equal(0, get.ExitCode);
        Assert.Equal(expected + "\n", get.Output);
        Assert.Equal($"valid for {30 - (Now.ToUnixTimeSeconds() % 30)} more s\n", get.Error);

        var next = await RunAsync(["otp", "get", "work", "--next"]);
        var following = new Totp(Base32.Decode(Secret), new TotpParameters(OtpAlgorithm.Sha256, 8, 30)).ComputeAt(Now.AddSeconds(30));
        Assert.Equal(following + "\n", next.Output);
    }

    [Fact]
    public async Task Add_asks_for_the_secret_without_echo_at_a_terminal()
    {
        await InitAsync();
        var prompts = new List<string>();

        var added = await RunAsync(["otp", "add", "mail"], terminal: prompt => { prompts.Add(prompt); return "jbsw y3dp ehpk 3pxp"; });

        Assert.Equal(0, added.ExitCode);
        Assert.Equal(["Secret (Base32): "], prompts);
        Assert.DoesNotContain("JBSW", added.Output + added.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Add_reads_an_otpauth_uri_or_the_qr_code_of_one()
    {
        await InitAsync();
        var uri = "otpauth://totp/ACME%20Co:john@example.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA512&digits=7&period=60";
        var image = Path.Combine(_directory, "qr.png");
        using (var data = QRCodeGenerator.GenerateQrCode(OtpAuthUri.Build(Base32.Decode(Secret), "Example", "alice", TotpParameters.Default), QRCodeGenerator.ECCLevel.M))
        {
            File.WriteAllBytes(image, new PngByteQRCode(data).GetGraphic(8));
        }

        var fromUri = await RunAsync(["otp", "add", "--uri"], input: uri);
        var fromQr = await RunAsync(["otp", "add", "--qr", image]);
        var list = await RunAsync(["otp", "list"]);

        Assert.Equal("Added 'ACME Co' (ACME Co): SHA512, 7 digits, 60 s.\n", fromUri.Output);
        Assert.Equal("Added 'Example' (Example): SHA1, 6 digits, 30 s.\n", fromQr.Output);
        Assert.Matches(@"(?m)^ACME Co\s+ACME Co\s+SHA512\s+7\s+60s$", list.Output);
        Assert.Matches(@"(?m)^Example\s+Example\s+SHA1\s+6\s+30s$", list.Output);
    }

    [Theory]
    [InlineData("not base32 !!", "the secret is not Base32")]
    [InlineData("", "no secret was given")]
    public async Task A_bad_secret_is_one_line_and_changes_nothing(string input, string expected)
    {
        await InitAsync();
        var before = File.ReadAllBytes(VaultPath);

        var result = await RunAsync(["otp", "add", "x"], input: input);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("sh-login: " + expected, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(before, File.ReadAllBytes(VaultPath));
    }

    [Fact]
    public async Task A_wrong_passphrase_is_one_line_and_changes_nothing()
    {
        await InitAsync();
        await RunAsync(["otp", "add", "a"], input: Secret);
        var before = File.ReadAllBytes(VaultPath);
        File.WriteAllText(PassphraseFile, "something else entirely\n");

        var result = await RunAsync(["otp", "add", "b"], input: Secret);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("sh-login: wrong passphrase, or the vault was altered or damaged (its authentication failed)\n", result.Error);
        Assert.Equal(before, File.ReadAllBytes(VaultPath));
    }

    [Fact]
    public async Task A_passphrase_file_others_can_read_is_refused()
    {
        await InitAsync();
        File.SetUnixFileMode(PassphraseFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var result = await RunAsync(["otp", "list"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("sh-login: SH_LOGIN_OTP_PASSPHRASE_FILE: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("chmod 600", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_terminal_or_a_passphrase_file_it_says_what_to_set()
    {
        await InitAsync();

        var result = await RunAsync(["otp", "list"], passphraseFile: false);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("set SH_LOGIN_OTP_PASSPHRASE_FILE", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_at_a_terminal_asks_twice_and_refuses_a_mismatch_or_a_short_passphrase()
    {
        var answers = new Queue<string>(["first passphrase", "second passphrase"]);
        var mismatch = await RunAsync(["otp", "init", "--kdf-memory", "8"], passphraseFile: false, terminal: _ => answers.Dequeue());
        Assert.Equal("sh-login: the two passphrases differ; nothing was created\n", mismatch.Error);
        Assert.False(File.Exists(VaultPath));

        var shortOne = await RunAsync(["otp", "init", "--kdf-memory", "8"], passphraseFile: false, terminal: _ => "short");
        Assert.StartsWith("sh-login: the passphrase has 5 characters", shortOne.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(VaultPath));
    }

    [Fact]
    public async Task Export_needs_confirmation_and_round_trips_through_import()
    {
        await InitAsync();
        await RunAsync(["otp", "add", "a", "--issuer", "Alpha"], input: Secret);
        await RunAsync(["otp", "add", "--uri"], input: "otpauth://totp/Beta:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Beta&digits=8");

        var refused = await RunAsync(["otp", "export"]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(string.Empty, refused.Output);
        Assert.Contains("give --yes", refused.Error, StringComparison.Ordinal);

        var declined = await RunAsync(["otp", "export"], terminal: prompt => prompt.StartsWith("Vault", StringComparison.Ordinal) ? Passphrase : "no");
        Assert.Equal(string.Empty, declined.Output);
        Assert.Equal("sh-login: not confirmed; nothing was exported\n", declined.Error);

        var file = Path.Combine(_directory, "export.txt");
        var exported = await RunAsync(["otp", "export", "--yes", "--output", file]);
        Assert.Equal(0, exported.ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var lines = File.ReadAllLines(file);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.StartsWith("otpauth://totp/", line, StringComparison.Ordinal));

        // Into a second vault: the same codes come out.
        var otherVault = Path.Combine(_directory, "other.vault");
        await RunAsync(["otp", "init", "--vault", otherVault, "--kdf-memory", "8", "--kdf-iterations", "1"]);
        var imported = await RunAsync(["otp", "import", file, "--vault", otherVault]);
        Assert.Equal("Imported 2 account(s): Alpha, Beta.\n", imported.Output);
        Assert.Equal((await RunAsync(["otp", "get", "a"])).Output, (await RunAsync(["otp", "get", "Alpha", "--vault", otherVault])).Output);
        Assert.Equal((await RunAsync(["otp", "get", "Beta"])).Output, (await RunAsync(["otp", "get", "Beta", "--vault", otherVault])).Output);

        var again = await RunAsync(["otp", "import", file, "--vault", otherVault]);
        Assert.Contains("2 were in the vault already", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_with_one_bad_line_imports_nothing()
    {
        await InitAsync();
        var file = Path.Combine(_directory, "import.txt");
        File.WriteAllText(file, "# mine\notpauth://totp/A?secret=JBSWY3DPEHPK3PXP\n\notpauth://totp/B?secret=JBSWY3DPEHPK3PXP&digits=12\n");
        var before = File.ReadAllBytes(VaultPath);

        var result = await RunAsync(["otp", "import", file]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("sh-login: line 4: digits '12' is not accepted", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(VaultPath));
    }

    [Fact]
    public async Task Import_reads_a_google_authenticator_export()
    {
        await InitAsync();

        // MigrationPayload { otp_parameters { secret: "Hello!\xde\xad\xbe\xef" name: "Ex:alice" issuer: "Ex" algorithm: SHA1 digits: SIX type: TOTP } }
        var payload = Convert.FromHexString("0a200a0a48656c6c6f21deadbeef120845783a616c6963651a0245782001280130021002");
        var file = Path.Combine(_directory, "export.txt");
        File.WriteAllText(file, "otpauth-migration://offline?data=" + Uri.EscapeDataString(Convert.ToBase64String(payload)) + "\n");

        var result = await RunAsync(["otp", "import", file]);

        Assert.Equal("Imported 1 account(s): Ex.\n", result.Output);
        var expected = new Totp([.. "Hello!"u8, 0xDE, 0xAD, 0xBE, 0xEF]).ComputeAt(Now);
        Assert.Equal(expected + "\n", (await RunAsync(["otp", "get", "Ex"])).Output);
    }

    [Fact]
    public async Task Rename_and_rm_change_the_vault_and_keep_a_backup()
    {
        await InitAsync();
        await RunAsync(["otp", "add", "old"], input: Secret);

        Assert.Equal("Renamed 'old' to 'new'.\n", (await RunAsync(["otp", "rename", "old", "new"])).Output);
        Assert.Equal(2, (await RunAsync(["otp", "get", "old"])).ExitCode);
        var removed = await RunAsync(["otp", "rm", "new"]);
        Assert.Equal(0, removed.ExitCode);
        Assert.True(File.Exists(VaultPath + ".bak"));
        Assert.Equal("sh-login: no account named 'new' in the vault (it is empty)\n", (await RunAsync(["otp", "get", "new"])).Error);
    }

    [Fact]
    public async Task A_missing_vault_says_how_to_create_one()
    {
        var result = await RunAsync(["otp", "list"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("create one with 'sh-login otp init'", result.Error, StringComparison.Ordinal);
    }

    private async Task InitAsync()
    {
        var result = await RunAsync(["otp", "init", "--kdf-memory", "8", "--kdf-iterations", "1"]);
        Assert.True(result.ExitCode == 0, result.Error);
    }

    private async Task<CliResult> RunAsync(string[] args, string? input = null, bool passphraseFile = true, Func<string, string?>? terminal = null)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["SH_LOGIN_OTP_VAULT"] = VaultPath,
            ["HOME"] = _directory,
        };
        if (passphraseFile)
        {
            environment["SH_LOGIN_OTP_PASSPHRASE_FILE"] = PassphraseFile;
        }

        var context = new CliContext(environment, _directory, "alice", "node7", new FixedTime(Now))
        {
            Input = new StringReader(input ?? string.Empty),
            InputIsTerminal = terminal is not null,
            OutputIsTerminal = false,
            ReadHidden = terminal ?? (_ => throw new InvalidOperationException("no terminal in this test")),
        };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliRunner.RunAsync(Program.CreateRootCommand(context), args, context, output, error, TestContext.Current.CancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
