using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ShLogin.Configuration;
using ShLogin.LoginService.Security;
using ShLogin.LoginService.Tests.TestSupport;
using ShLogin.Secrets;

namespace ShLogin.LoginService.Tests.Security;

public class CredentialVerifierTests
{
    private static (CredentialVerifier Verifier, FakeTimeProvider Time) Create(AuthMode mode)
    {
        var time = LoginServiceHost.NewClock();
        return (new CredentialVerifier(LoginServiceHost.OptionsFor(mode, "/unused", time)), time);
    }

    [Fact]
    public void Token_mode_accepts_exactly_the_token()
    {
        var (verifier, _) = Create(AuthMode.Token);

        Assert.True(verifier.Verify(TestSecrets.Token, code: null));
        Assert.True(verifier.Verify($"  {TestSecrets.Token}\n", code: null));
        Assert.False(verifier.Verify(TestSecrets.Token[..^1], code: null));
        Assert.False(verifier.Verify(TestSecrets.Token + "x", code: null));
        Assert.False(verifier.Verify(TestSecrets.Token.ToUpperInvariant(), code: null));
        Assert.False(verifier.Verify(null, code: null));
        Assert.False(verifier.Verify("", code: null));
    }

    [Fact]
    public void Oversized_and_non_ASCII_tokens_are_refused()
    {
        var (verifier, _) = Create(AuthMode.Token);

        Assert.False(verifier.Verify(TestSecrets.Token + new string(' ', 1000) + "x", code: null));
        Assert.False(verifier.Verify(new string('a', 5000), code: null));
        Assert.False(verifier.Verify(TestSecrets.Token + "é", code: null));
        Assert.False(verifier.Verify(TestSecrets.Token + "\0", code: null));
    }

    [Fact]
    public void Totp_mode_accepts_a_current_code_once()
    {
        var (verifier, time) = Create(AuthMode.Totp);
        var code = TestSecrets.CodeAt(time.GetUtcNow());

        Assert.False(verifier.Verify(null, TestSecrets.WrongCodeAt(time.GetUtcNow())));
        Assert.True(verifier.Verify(null, code));
        Assert.False(verifier.Verify(null, code));
    }

    [Fact]
    public void A_code_typed_with_a_space_in_the_middle_is_accepted()
    {
        var (verifier, time) = Create(AuthMode.Totp);
        var code = TestSecrets.CodeAt(time.GetUtcNow());

        Assert.True(verifier.Verify(null, $"{code[..3]} {code[3..]}"));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("１２３４５６")]
    public void Malformed_codes_are_refused(string code)
    {
        var (verifier, _) = Create(AuthMode.Totp);

        Assert.False(verifier.Verify(null, code));
    }

    [Fact]
    public void Token_and_totp_mode_needs_both_and_a_wrong_token_does_not_use_up_the_code()
    {
        var (verifier, time) = Create(AuthMode.TokenAndTotp);
        var code = TestSecrets.CodeAt(time.GetUtcNow());

        Assert.False(verifier.Verify(TestSecrets.Token, null));
        Assert.False(verifier.Verify(null, code));
        Assert.False(verifier.Verify("wrong-token", code));
        Assert.False(verifier.Verify(TestSecrets.Token, TestSecrets.WrongCodeAt(time.GetUtcNow())));
        Assert.True(verifier.Verify(TestSecrets.Token, code));
        Assert.False(verifier.Verify(TestSecrets.Token, code));
    }

    [Fact]
    public void A_code_used_before_a_restart_is_refused_after_it_and_the_next_step_is_accepted()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Combine(UsedTotpStepFile.FileName);
        var time = LoginServiceHost.NewClock();
        var options = LoginServiceHost.OptionsFor(AuthMode.Totp, directory.Path, time);
        var code = TestSecrets.CodeAt(time.GetUtcNow());

        Assert.True(new CredentialVerifier(options, file, NullLogger.Instance).Verify(null, code));

        var restarted = new CredentialVerifier(options, file, NullLogger.Instance);
        Assert.False(restarted.Verify(null, code));
        Assert.True(restarted.Verify(null, TestSecrets.CodeAt(time.GetUtcNow().AddSeconds(30))));
    }

    [Fact]
    public void A_saved_step_in_the_future_is_ignored_instead_of_locking_the_codes_out()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Combine(UsedTotpStepFile.FileName);
        var time = LoginServiceHost.NewClock();
        var inAYear = new Totp(TestSecrets.TotpKey).StepAt(time.GetUtcNow().AddDays(365));
        new UsedTotpStepFile(file).Save(inAYear);

        var verifier = new CredentialVerifier(LoginServiceHost.OptionsFor(AuthMode.Totp, directory.Path, time), file, NullLogger.Instance);

        Assert.True(verifier.Verify(null, TestSecrets.CodeAt(time.GetUtcNow())));
    }

    [Fact]
    public void A_step_file_that_cannot_be_read_or_written_does_not_stop_sign_in()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Combine(UsedTotpStepFile.FileName);
        Directory.CreateDirectory(file);
        var time = LoginServiceHost.NewClock();
        var code = TestSecrets.CodeAt(time.GetUtcNow());

        var verifier = new CredentialVerifier(LoginServiceHost.OptionsFor(AuthMode.Totp, directory.Path, time), file, NullLogger.Instance);

        Assert.True(verifier.Verify(null, code));
        Assert.False(verifier.Verify(null, code));
    }
}
