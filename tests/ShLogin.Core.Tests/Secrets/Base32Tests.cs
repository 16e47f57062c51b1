using System.Text;
using ShLogin.Secrets;

namespace ShLogin.Tests.Secrets;

public class Base32Tests
{
    // RFC 4648 §10.
    public static TheoryData<string, string> Rfc4648Vectors => new()
    {
        { "", "" },
        { "f", "MY======" },
        { "fo", "MZXQ====" },
        { "foo", "MZXW6===" },
        { "foob", "MZXW6YQ=" },
        { "fooba", "MZXW6YTB" },
        { "foobar", "MZXW6YTBOI======" },
    };

    [Theory]
    [MemberData(nameof(Rfc4648Vectors))]
    public void Encode_matches_the_rfc_vectors(string plain, string encoded)
    {
        Assert.Equal(encoded, Base32.Encode(Encoding.ASCII.GetBytes(plain), padding: true));
        Assert.Equal(encoded.TrimEnd('='), Base32.Encode(Encoding.ASCII.GetBytes(plain)));
    }

    [Theory]
    [MemberData(nameof(Rfc4648Vectors))]
    public void Decode_matches_the_rfc_vectors_with_and_without_padding(string plain, string encoded)
    {
        Assert.Equal(plain, Encoding.ASCII.GetString(Base32.Decode(encoded)));
        Assert.Equal(plain, Encoding.ASCII.GetString(Base32.Decode(encoded.TrimEnd('='))));
    }

    [Theory]
    [InlineData("mzxw6ytboi")]
    [InlineData("MZXW 6YTB OI")]
    [InlineData("mzxw-6ytb-oi======")]
    [InlineData(" MZXW6YTBOI\t")]
    public void Decode_forgives_case_spaces_dashes_and_padding(string text) =>
        Assert.Equal("foobar", Encoding.ASCII.GetString(Base32.Decode(text)));

    [Theory]
    [InlineData("MZXW6YTB1")] // '1' is not in the alphabet
    [InlineData("MZXW0YTB")] // nor is '0'
    [InlineData("MZXW6YT8")] // nor '8'
    [InlineData("M")] // a length no encoder produces
    [InlineData("MZX")]
    [InlineData("MZXW6Y")]
    [InlineData("MZ=XW")] // data after padding
    [InlineData("MZ\u00c4W")] // non-ASCII
    [InlineData("MZ\nXW")]
    [InlineData("MZ")] // leftover bits not zero: "MY" is the only valid 2-char form of "f"
    public void Decode_rejects_what_is_not_base32(string text)
    {
        Assert.False(Base32.TryDecode(text, out var bytes));
        Assert.Null(bytes);
        Assert.Throws<FormatException>(() => Base32.Decode(text));
    }

    [Fact]
    public void TryDecode_of_null_is_false() => Assert.False(Base32.TryDecode(null, out _));

    [Fact]
    public void Round_trip_of_every_length_and_random_content()
    {
        var random = new Random(4648);
        for (var length = 0; length < 70; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(data, Base32.Decode(Base32.Encode(data)));
            Assert.Equal(data, Base32.Decode(Base32.Encode(data, padding: true)));
        }
    }
}
