using System.Buffers.Text;
using ShLogin.Secrets;

namespace ShLogin.Tests.Secrets;

public class SecretTokensTests
{
    [Fact]
    public void Tokens_carry_at_least_128_bits_and_differ()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => SecretTokens.NewToken()).ToList();
        Assert.All(tokens, t => Assert.True(Base64Url.DecodeFromChars(t).Length * 8 >= 128));
        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]+$", t));
        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Totp_keys_are_160_bits_and_differ()
    {
        var a = SecretTokens.NewTotpKey();
        Assert.Equal(20, a.Length);
        Assert.NotEqual(a, SecretTokens.NewTotpKey());
    }

    [Theory]
    [InlineData("s3cret-token", "s3cret-token", true)]
    [InlineData("s3cret-token", "s3cret-toke", false)]
    [InlineData("s3cret-token", "s3cret-token ", false)]
    [InlineData("s3cret-token", "S3CRET-TOKEN", false)]
    [InlineData("s3cret-token", "", false)]
    [InlineData("s3cret-token", null, false)]
    [InlineData("", null, false)]
    [InlineData("", "", true)]
    [InlineData("s3cret-token", "s3cret-tokén", false)]
    public void FixedTimeEquals_compares_exactly(string expected, string? provided, bool equal) =>
        Assert.Equal(equal, SecretTokens.FixedTimeEquals(expected, provided));

    [Fact]
    public void FixedTimeEquals_survives_huge_input() =>
        Assert.False(SecretTokens.FixedTimeEquals("abc", new string('a', 1 << 20)));
}
