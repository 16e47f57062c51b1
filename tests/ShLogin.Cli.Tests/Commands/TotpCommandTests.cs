using System.Text;
using ShLogin.Secrets;

namespace ShLogin.Cli.Tests.Commands;

public sealed class TotpCommandTests : IDisposable
{
    // RFC 6238 appendix B: the seeds for SHA1, SHA256 and SHA512.
    private static readonly string Sha1Secret = Base32.Encode(Encoding.ASCII.GetBytes("12345678901234567890"));
    private static readonly string Sha256Secret = Base32.Encode(Encoding.ASCII.GetBytes("12345678901234567890123456789012"));
    private static readonly string Sha512Secret = Base32.Encode(
        Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234"));

    private readonly string directory = Directory.CreateTempSubdirectory("shlogin-cli-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    // totp code

    [Fact]
    public async Task Code_prints_only_the_rfc_6238_code_and_a_newline()
    {
        var result = await new CliHarness().RunAsync("totp", "code", "--secret", Sha1Secret, "--time", "59", "--digits", "8");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("94287082\n", result.Output.ReplaceLineEndings("\n"));
        Assert.Equal(string.Empty, result.Error);
    }

    [Theory]
    [InlineData("SHA256", "59", "46119246")]
    [InlineData("sha512", "59", "90693936")]
    [InlineData("SHA256", "1111111109", "68084774")]
    [InlineData("SHA512", "20000000000", "47863826")]
    public async Task Code_follows_the_rfc_6238_vectors_for_other_hashes(string algorithm, string time, string code)
    {
        var secret = algorithm.EndsWith("256", StringComparison.Ordinal) ? Sha256Secret : Sha512Secret;

        var result = await new CliHarness().RunAsync(
            "totp", "code", "--secret", secret, "--time", time, "--digits", "8", "--algorithm", algorithm);

        Assert.Equal(code, result.Output.Trim());
    }

    [Fact]
    public async Task Code_uses_the_clock_when_no_time_is_given()
    {
        var harness = new CliHarness { Now = DateTimeOffset.FromUnixTimeSeconds(1_111_111_109) };

        var result = await harness.RunAsync("totp", "code", "--secret", Sha1Secret, "--digits", "8");

        Assert.Equal("07081804", result.Output.Trim());
    }

    [Fact]
    public async Task Code_defaults_to_six_digits_and_30_second_steps()
    {
        var harness = new CliHarness();
        var atStepStart = await harness.RunAsync("totp", "code", "--secret", Sha1Secret, "--time", "1111111080");
        var atStepEnd = await harness.RunAsync("totp", "code", "--secret", Sha1Secret, "--time", "1111111109");
        var nextStep = await harness.RunAsync("totp", "code", "--secret", Sha1Secret, "--time", "1111111110");

        Assert.Equal("081804", atStepStart.Output.Trim());
        Assert.Equal(atStepStart.Output, atStepEnd.Output);
        Assert.Equal("050471", nextStep.Output.Trim());
    }

    [Fact]
    public async Task Code_takes_the_secret_from_the_environment()
    {
        var harness = new CliHarness();
        harness.Environment["SH_LOGIN_TOTP_SECRET"] = Sha1Secret.ToLowerInvariant();

        var result = await harness.RunAsync("totp", "code", "--time", "59", "--digits", "8");

        Assert.Equal("94287082", result.Output.Trim());
    }

    [Fact]
    public async Task Code_takes_the_secret_from_a_file()
    {
        var path = Path.Combine(directory, "secret");
        await File.WriteAllTextAsync(path, Sha1Secret + "\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var harness = new CliHarness { WorkingDirectory = directory };

        var byOption = await harness.RunAsync("totp", "code", "--secret-file", "secret", "--time", "59", "--digits", "8");
        harness.Environment["SH_LOGIN_TOTP_SECRET_FILE"] = path;
        var byVariable = await harness.RunAsync("totp", "code", "--time", "59", "--digits", "8");

        Assert.Equal("94287082", byOption.Output.Trim());
        Assert.Equal("94287082", byVariable.Output.Trim());
    }

    [Fact]
    public async Task Option_secret_wins_over_the_environment()
    {
        var harness = new CliHarness();
        harness.Environment["SH_LOGIN_TOTP_SECRET"] = "invalid!";

        var result = await harness.RunAsync("totp", "code", "--secret", Sha1Secret, "--time", "59", "--digits", "8");

        Assert.Equal("94287082", result.Output.Trim());
    }

    [Theory]
    [InlineData("9")]
    [InlineData("5")]
    [InlineData("abc")]
    [InlineData("-6")]
    public async Task Bad_digits_fail_with_one_line_naming_the_option(string digits)
    {
        var result = await new CliHarness().RunAsync("totp", "code", "--secret", Sha1Secret, "--digits", digits);

        var line = result.SingleUsageError();
        Assert.StartsWith($"sh-login: --digits='{digits}' is not valid: expected 6, 7 or 8", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--algorithm", "MD5")]
    [InlineData("--period", "0")]
    [InlineData("--period", "3601")]
    [InlineData("--time", "-1")]
    [InlineData("--time", "soon")]
    [InlineData("--time", "99999999999999")]
    public async Task Bad_options_fail_with_one_line_naming_the_option(string option, string value)
    {
        var result = await new CliHarness().RunAsync("totp", "code", "--secret", Sha1Secret, option, value);

        Assert.Contains($"{option}='{value}' is not valid", result.SingleUsageError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_secret_is_refused_without_echoing_it()
    {
        const string secret = "NOT-BASE32-1890";

        var result = await new CliHarness().RunAsync("totp", "code", "--secret", secret);

        var line = result.SingleUsageError();
        Assert.Equal(
            "sh-login: --secret=<hidden, 15 chars> is not valid: expected Base32 (RFC 4648) of at least 128 bits", line);
    }

    [Fact]
    public async Task A_short_secret_is_refused()
    {
        var result = await new CliHarness().RunAsync("totp", "code", "--secret", Base32.Encode(new byte[10]));

        Assert.Contains("decodes to 10 bytes (80 bits)", result.SingleUsageError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_secret_file_is_named()
    {
        var result = await new CliHarness { WorkingDirectory = directory }.RunAsync("totp", "code", "--secret-file", "nope");

        Assert.Contains($"--secret-file='{directory}/nope' is not valid: no such file", result.SingleUsageError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_secret_at_all_says_where_one_can_come_from()
    {
        var result = await new CliHarness().RunAsync("totp", "code");

        Assert.Contains("no TOTP secret given", result.SingleUsageError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secret_and_secret_file_together_are_refused()
    {
        var result = await new CliHarness().RunAsync("totp", "code", "--secret", Sha1Secret, "--secret-file", "x");

        Assert.Contains("either --secret or --secret-file", result.SingleUsageError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_help_warns_that_arguments_are_visible()
    {
        var result = await new CliHarness().RunAsync("totp", "code", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("/proc", result.Output, StringComparison.Ordinal);
        Assert.Contains("SH_LOGIN_TOTP_SECRET", result.Output, StringComparison.Ordinal);
    }

    // totp new

    [Fact]
    public async Task New_prints_a_fresh_secret_its_uri_and_a_qr_code()
    {
        var harness = new CliHarness();
        var first = await harness.RunAsync("totp", "new");
        var second = await harness.RunAsync("totp", "new");

        Assert.Equal(0, first.ExitCode);
        var secret = SecretOf(first.Output);
        Assert.NotEqual(secret, SecretOf(second.Output));
        Assert.Equal(20, Base32.Decode(secret).Length);

        var uri = UriOf(first.Output);
        Assert.Equal(OtpAuthUri.Build(Base32.Decode(secret), "ShLogin", "alice@node7", TotpParameters.Default), uri);
        Assert.Contains(TerminalQr.Render(uri), first.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_honours_label_and_parameters()
    {
        var result = await new CliHarness().RunAsync(
            "totp", "new", "--issuer", "Lab", "--account", "bob@cluster", "--digits", "8", "--algorithm", "sha512", "--period", "60");

        var key = Base32.Decode(SecretOf(result.Output));
        Assert.Equal(
            OtpAuthUri.Build(key, "Lab", "bob@cluster", new TotpParameters(OtpAlgorithm.Sha512, 8, 60)),
            UriOf(result.Output));
    }

    [Fact]
    public async Task New_secret_gives_codes_through_totp_code()
    {
        var harness = new CliHarness();
        var secret = SecretOf((await harness.RunAsync("totp", "new")).Output);

        var code = await harness.RunAsync("totp", "code", "--secret", secret, "--time", "1000");

        Assert.Equal(new Totp(Base32.Decode(secret)).ComputeAt(DateTimeOffset.FromUnixTimeSeconds(1000)), code.Output.Trim());
    }

    [Fact]
    public async Task New_with_a_blank_issuer_is_refused()
    {
        var result = await new CliHarness().RunAsync("totp", "new", "--issuer", " ");

        Assert.Contains("--issuer=' ' is not valid", result.SingleUsageError(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_with_a_secret_file_writes_it_0600_and_does_not_print_it()
    {
        var harness = new CliHarness { WorkingDirectory = directory };

        var result = await harness.RunAsync("totp", "new", "--secret-file", "my.secret");

        Assert.Equal(0, result.ExitCode);
        var path = Path.Combine(directory, "my.secret");
        var secret = (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).Trim();
        Assert.Equal(20, Base32.Decode(secret).Length);
        Assert.DoesNotContain(secret, result.Output, StringComparison.Ordinal);
        Assert.Contains(path, result.Output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        var qr = await harness.RunAsync("totp", "qr", "--secret-file", path, "--account", "alice@node7");
        Assert.Equal(
            TerminalQr.Render(OtpAuthUri.Build(Base32.Decode(secret), "ShLogin", "alice@node7", TotpParameters.Default)),
            qr.Output);
    }

    [Fact]
    public async Task New_with_a_secret_file_suggests_the_qr_command_with_the_same_options()
    {
        var harness = new CliHarness { WorkingDirectory = directory };

        var result = await harness.RunAsync(
            "totp", "new", "--secret-file", "s", "--digits", "8", "--issuer", "My Lab", "--algorithm", "sha256");

        var path = Path.Combine(directory, "s");
        Assert.Contains(
            $"sh-login totp qr --secret-file {path} --issuer 'My Lab' --digits 8 --algorithm sha256\n",
            result.Output.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_never_overwrites_a_secret_file()
    {
        var path = Path.Combine(directory, "existing");
        await File.WriteAllTextAsync(path, "keep me", TestContext.Current.CancellationToken);

        var result = await new CliHarness().RunAsync("totp", "new", "--secret-file", path);

        Assert.Contains("already exists; refusing to overwrite it", result.SingleUsageError(), StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task New_reports_a_secret_file_that_cannot_be_created()
    {
        var result = await new CliHarness().RunAsync("totp", "new", "--secret-file", Path.Combine(directory, "no", "dir", "s"));

        Assert.Contains("cannot be created", result.SingleUsageError(), StringComparison.Ordinal);
    }

    // totp qr

    [Fact]
    public async Task Qr_draws_the_uri_of_the_given_secret()
    {
        var harness = new CliHarness();
        harness.Environment["SH_LOGIN_TOTP_SECRET"] = Sha1Secret;

        var result = await harness.RunAsync("totp", "qr", "--issuer", "Lab", "--digits", "7");

        Assert.Equal(0, result.ExitCode);
        var uri = OtpAuthUri.Build(
            Encoding.ASCII.GetBytes("12345678901234567890"), "Lab", "alice@node7", new TotpParameters(OtpAlgorithm.Sha1, 7, 30));
        Assert.Equal(TerminalQr.Render(uri), result.Output);
        Assert.DoesNotContain(Sha1Secret, result.Output, StringComparison.Ordinal);
    }

    private static string SecretOf(string output) => ValueAfter(output, "Secret (Base32):");

    private static string UriOf(string output) => ValueAfter(output, "otpauth URI:");

    private static string ValueAfter(string output, string label)
    {
        var line = Assert.Single(output.ReplaceLineEndings("\n").Split('\n'), l => l.StartsWith(label, StringComparison.Ordinal));
        return line[label.Length..].Trim();
    }
}
