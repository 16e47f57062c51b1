using ShLogin.Secrets;
using ShLogin.Vault.Transfer;

namespace ShLogin.Vault.Tests.Transfer;

public class OtpAuthUriParserTests
{
    [Fact]
    public void Reads_issuer_account_and_every_parameter()
    {
        var account = OtpAuthUriParser.Parse(
            "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60");

        Assert.Equal("ACME Co", account.Issuer);
        Assert.Equal("john.doe@email.com", account.AccountName);
        Assert.Equal(Base32.Decode("HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ"), account.Secret);
        Assert.Equal(new TotpParameters(OtpAlgorithm.Sha256, 8, 60), account.Parameters);
        Assert.Equal(["ACME Co", "ACME Co:john.doe@email.com", "john.doe@email.com"], account.SuggestedNames());
    }

    [Fact]
    public void Defaults_and_a_secret_as_people_paste_it()
    {
        var account = OtpAuthUriParser.Parse("otpauth://totp/alice?secret=jbsw%20y3dp-ehpk3pxp===");

        Assert.Equal(string.Empty, account.Issuer);
        Assert.Equal("alice", account.AccountName);
        Assert.Equal(Base32.Decode("JBSWY3DPEHPK3PXP"), account.Secret);
        Assert.Equal(TotpParameters.Default, account.Parameters);
    }

    [Fact]
    public void What_we_export_reads_back_the_same()
    {
        var key = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();
        var uri = OtpAuthUri.Build(key, "Exämple & Co", "bob?x=1", new TotpParameters(OtpAlgorithm.Sha512, 7, 45));

        var account = OtpAuthUriParser.Parse(uri);

        Assert.Equal("Exämple & Co", account.Issuer);
        Assert.Equal("bob?x=1", account.AccountName);
        Assert.Equal(key, account.Secret);
        Assert.Equal(new TotpParameters(OtpAlgorithm.Sha512, 7, 45), account.Parameters);
    }

    [Theory]
    [InlineData("https://example.com/?secret=JBSWY3DPEHPK3PXP", "not an otpauth URI")]
    [InlineData("otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=1", "only totp")]
    [InlineData("otpauth://totp/x", "secret is missing")]
    [InlineData("otpauth://totp/x?secret=not-base32!", "not Base32")]
    [InlineData("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=9", "digits '9'")]
    [InlineData("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=-6", "digits '-6'")]
    [InlineData("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0", "period '0'")]
    [InlineData("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=99999999999", "period")]
    [InlineData("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5", "algorithm 'MD5'")]
    [InlineData("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&secret=GEZDGNBV", "twice")]
    public void Hostile_or_wrong_uris_give_one_line_naming_the_problem(string uri, string expected)
    {
        var error = Assert.Throws<TransferException>(() => OtpAuthUriParser.Parse(uri));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("JBSWY3DPEHPK3PXP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_uri_is_refused()
    {
        Assert.Throws<TransferException>(() => OtpAuthUriParser.Parse("otpauth://totp/x?secret=" + new string('A', 10_000)));
    }
}
