using System.Text;
using ShLogin.Secrets;

namespace ShLogin.Tests.Secrets;

public class OtpVectorTests
{
    private static readonly byte[] Seed20 = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] Seed32 = Encoding.ASCII.GetBytes("12345678901234567890123456789012");
    private static readonly byte[] Seed64 = Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");

    // RFC 4226 Appendix D: a TOTP step is an HOTP counter, so a step's code is the counter's.
    [Theory]
    [InlineData(0, "755224")]
    [InlineData(1, "287082")]
    [InlineData(2, "359152")]
    [InlineData(3, "969429")]
    [InlineData(4, "338314")]
    [InlineData(5, "254676")]
    [InlineData(6, "287922")]
    [InlineData(7, "162583")]
    [InlineData(8, "399871")]
    [InlineData(9, "520489")]
    public void The_code_of_a_step_matches_rfc4226_appendix_d_for_that_counter(long counter, string expected) =>
        Assert.Equal(expected, new Totp(Seed20).ComputeForStep(counter));

    // RFC 6238 Appendix B, each with the seed of the right length for its hash.
    [Theory]
    [InlineData(59L, "94287082", OtpAlgorithm.Sha1)]
    [InlineData(59L, "46119246", OtpAlgorithm.Sha256)]
    [InlineData(59L, "90693936", OtpAlgorithm.Sha512)]
    [InlineData(1111111109L, "07081804", OtpAlgorithm.Sha1)]
    [InlineData(1111111109L, "68084774", OtpAlgorithm.Sha256)]
    [InlineData(1111111109L, "25091201", OtpAlgorithm.Sha512)]
    [InlineData(1111111111L, "14050471", OtpAlgorithm.Sha1)]
    [InlineData(1111111111L, "67062674", OtpAlgorithm.Sha256)]
    [InlineData(1111111111L, "99943326", OtpAlgorithm.Sha512)]
    [InlineData(1234567890L, "89005924", OtpAlgorithm.Sha1)]
    [InlineData(1234567890L, "91819424", OtpAlgorithm.Sha256)]
    [InlineData(1234567890L, "93441116", OtpAlgorithm.Sha512)]
    [InlineData(2000000000L, "69279037", OtpAlgorithm.Sha1)]
    [InlineData(2000000000L, "90698825", OtpAlgorithm.Sha256)]
    [InlineData(2000000000L, "38618901", OtpAlgorithm.Sha512)]
    [InlineData(20000000000L, "65353130", OtpAlgorithm.Sha1)]
    [InlineData(20000000000L, "77737706", OtpAlgorithm.Sha256)]
    [InlineData(20000000000L, "47863826", OtpAlgorithm.Sha512)]
    public void Totp_matches_rfc6238_appendix_b(long unixTime, string expected, OtpAlgorithm algorithm)
    {
        var seed = algorithm switch
        {
            OtpAlgorithm.Sha1 => Seed20,
            OtpAlgorithm.Sha256 => Seed32,
            _ => Seed64,
        };
        var totp = new Totp(seed, new TotpParameters(algorithm, 8, 30));
        Assert.Equal(expected, totp.ComputeAt(DateTimeOffset.FromUnixTimeSeconds(unixTime)));
    }

    [Fact]
    public void Six_and_seven_digit_codes_are_the_low_digits_of_the_same_truncation()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1111111109);
        Assert.Equal("081804", new Totp(Seed20, new TotpParameters(OtpAlgorithm.Sha1, 6, 30)).ComputeAt(at));
        Assert.Equal("7081804", new Totp(Seed20, new TotpParameters(OtpAlgorithm.Sha1, 7, 30)).ComputeAt(at));
    }

    [Fact]
    public void Period_sets_the_step()
    {
        var totp = new Totp(Seed20, new TotpParameters(OtpAlgorithm.Sha1, 6, 60));
        Assert.Equal(1, totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(119)));
        Assert.Equal(2, totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(120)));
        Assert.Equal("359152", totp.ComputeAt(DateTimeOffset.FromUnixTimeSeconds(150)));
    }

    [Theory]
    [InlineData(5, 30)]
    [InlineData(9, 30)]
    [InlineData(6, 0)]
    [InlineData(6, -30)]
    [InlineData(6, 3601)]
    public void Parameters_outside_the_supported_range_are_refused(int digits, int period) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TotpParameters(OtpAlgorithm.Sha1, digits, period));

    [Theory]
    [InlineData("SHA1", OtpAlgorithm.Sha1)]
    [InlineData("sha-256", OtpAlgorithm.Sha256)]
    [InlineData(" Sha512 ", OtpAlgorithm.Sha512)]
    public void Algorithm_names_parse(string text, OtpAlgorithm expected) =>
        Assert.Equal(expected, TotpParameters.ParseAlgorithm(text));

    [Theory]
    [InlineData("MD5")]
    [InlineData("")]
    [InlineData("SHA3")]
    public void Unknown_algorithm_names_are_refused(string text) =>
        Assert.Throws<FormatException>(() => TotpParameters.ParseAlgorithm(text));
}
