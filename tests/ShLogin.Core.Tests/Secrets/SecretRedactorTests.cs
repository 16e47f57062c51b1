using ShLogin.Secrets;
using Xunit;

namespace ShLogin.Core.Tests.Secrets;

public sealed class SecretRedactorTests
{
    private const string Token = "Zq3kP9xV2mL7nR4tY8wB1cD6";
    private const string TotpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    private static readonly SecretRedactor Redactor = new([Token, TotpSecret, null, "", "short"]);

    [Theory]
    [InlineData("2026/12/01 20:00:00 [error] 12#12: *5 connect() to unix:/tmp/x/auth.sock failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1, server: , request: \"GET /auth/login?token=SOMETHING HTTP/1.1\", upstream: \"http://unix:/tmp/x/auth.sock:/auth/login?token=SOMETHING\", host: \"127.0.0.1:9123\"")]
    [InlineData("request: \"GET /auth/login?next=%2F&token=SOMETHING&x=1 HTTP/1.1\"")]
    [InlineData("request: \"GET /auth/login?TOKEN=SOMETHING HTTP/1.1\"")]
    [InlineData("request: \"POST /auth/login?code=SOMETHING HTTP/1.1\", referrer: \"http://127.0.0.1:9123/auth/login?token=SOMETHING\"")]
    [InlineData("request: \"GET /auth/login?next=%2Fauth%2Flogin%3Ftoken%3DSOMETHING%26a%3D1 HTTP/1.1\"")]
    [InlineData("    http://127.0.0.1:8888/?token=SOMETHING")]
    [InlineData("otpauth://totp/ShLogin:me?secret=SOMETHING&issuer=ShLogin")]
    [InlineData("form: password=SOMETHING;")]
    [InlineData("access_token=SOMETHING")]
    public void Hides_the_value_of_credential_parameters(string line)
    {
        var redacted = SecretRedactor.ParametersOnly.Redact(line);

        Assert.DoesNotContain("SOMETHING", redacted, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Placeholder, redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_the_rest_of_the_line()
    {
        var line = "request: \"GET /auth/login?token=abc&next=%2Fnotebooks HTTP/1.1\", host: \"127.0.0.1:9123\"";

        Assert.Equal(
            "request: \"GET /auth/login?token=(hidden)&next=%2Fnotebooks HTTP/1.1\", host: \"127.0.0.1:9123\"",
            SecretRedactor.ParametersOnly.Redact(line));
    }

    [Theory]
    [InlineData("[login] exited with code 137; restarting in 0.1 s")]
    [InlineData("[nginx] 2026/12/01 20:00:00 [notice] 12#12: signal process started")]
    [InlineData("")]
    public void Leaves_lines_without_secrets_alone(string line)
    {
        Assert.Equal(line, Redactor.Redact(line));
    }

    [Theory]
    [InlineData("the token is " + Token + ".")]
    [InlineData("Authorization: Bearer " + Token)]
    [InlineData("key " + TotpSecret + " loaded")]
    [InlineData("key jbswy3dpehpk3pxpjbswy3dpehpk3pxp loaded")]
    [InlineData("a/" + Token + "/b")]
    public void Hides_the_known_secrets_anywhere_in_any_case(string line)
    {
        var redacted = Redactor.Redact(line);

        Assert.DoesNotContain(Token, redacted, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TotpSecret, redacted, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Hides_a_known_secret_percent_encoded()
    {
        var chosen = "my token & more/+";
        var redactor = new SecretRedactor([chosen]);

        var redacted = redactor.Redact("GET /x?t=" + Uri.EscapeDataString(chosen) + " HTTP/1.1");

        Assert.DoesNotContain(Uri.EscapeDataString(chosen), redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignores_secrets_too_short_to_search_for()
    {
        Assert.Equal("a short line", Redactor.Redact("a short line"));
    }
}
