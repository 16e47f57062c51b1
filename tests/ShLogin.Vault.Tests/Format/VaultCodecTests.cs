using System.Buffers.Binary;
using ShLogin.Vault.Format;

namespace ShLogin.Vault.Tests.Format;

/// <summary>Opening a vault file: what it must accept and everything it must refuse.</summary>
public class VaultCodecTests
{
    private static readonly byte[] Plaintext = "{\"accounts\":[{\"name\":\"x\",\"issuer\":\"\",\"secret\":\"JBSWY3DPEHPK3PXP\",\"algorithm\":\"SHA1\",\"digits\":6,\"period\":30}]}"u8.ToArray();

    [Fact]
    public void Seal_then_open_gives_back_the_plaintext_and_each_seal_uses_a_new_nonce()
    {
        using var key = VaultKey.CreateNew(TestVaults.Passphrase, TestVaults.Cheap);
        var first = VaultCodec.Seal(key, Plaintext);
        var second = VaultCodec.Seal(key, Plaintext);

        Assert.Equal(Plaintext, VaultCodec.Open(first, TestVaults.Passphrase, out var reopened));
        reopened.Dispose();
        Assert.Equal(Plaintext, VaultCodec.Open(second, key));
        Assert.NotEqual(VaultHeader.Parse(first).Nonce, VaultHeader.Parse(second).Nonce);
        Assert.Equal(VaultHeader.Parse(first).Salt, VaultHeader.Parse(second).Salt);
    }

    [Fact]
    public void A_wrong_passphrase_is_one_clear_message()
    {
        using var key = VaultKey.CreateNew(TestVaults.Passphrase, TestVaults.Cheap);
        var file = VaultCodec.Seal(key, Plaintext);

        var error = Assert.Throws<VaultFormatException>(() => VaultCodec.Open(file, "correct horse battery stapler", out _));

        Assert.Equal(VaultCodec.NotAuthentic, error.Message);
    }

    [Fact]
    public void Every_byte_flipped_in_turn_is_detected()
    {
        using var key = VaultKey.CreateNew(TestVaults.Passphrase, TestVaults.Cheap);
        var file = VaultCodec.Seal(key, Plaintext);
        foreach (var mask in new byte[] { 0x01, 0x80 })
        {
            for (var i = 0; i < file.Length; i++)
            {
                var tampered = (byte[])file.Clone();
                tampered[i] ^= mask;

                var error = Assert.Throws<VaultFormatException>(() => VaultCodec.Open(tampered, TestVaults.Passphrase, out _));
                Assert.DoesNotContain('\n', error.Message);
            }
        }
    }

    [Fact]
    public void Every_truncation_and_an_extra_byte_are_detected()
    {
        using var key = VaultKey.CreateNew(TestVaults.Passphrase, TestVaults.Cheap);
        var file = VaultCodec.Seal(key, Plaintext);
        for (var length = 0; length < file.Length; length++)
        {
            Assert.Throws<VaultFormatException>(() => VaultCodec.Open(file.AsSpan(0, length), TestVaults.Passphrase, out _));
        }

        var error = Assert.Throws<VaultFormatException>(() => VaultCodec.Open([.. file, 0], TestVaults.Passphrase, out _));
        Assert.Contains("1 bytes after its end", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_format_version_is_named_in_the_message()
    {
        using var key = VaultKey.CreateNew(TestVaults.Passphrase, TestVaults.Cheap);
        var file = VaultCodec.Seal(key, Plaintext);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(8), 2);

        var error = Assert.Throws<VaultFormatException>(() => VaultCodec.Open(file, TestVaults.Passphrase, out _));

        Assert.Equal("the vault has format version 2; this sh-login reads version 1 only", error.Message);
    }

    [Theory]
    [InlineData(12, 0x7FFFFFFF)]
    [InlineData(16, 1000)]
    [InlineData(20, 0)]
    [InlineData(20, 17)]
    public void Argon2id_parameters_beyond_the_limits_are_refused_before_any_work(int offset, int value)
    {
        // A tampered header must not make the reader allocate 2 TiB or loop for hours.
        using var key = VaultKey.CreateNew(TestVaults.Passphrase, TestVaults.Cheap);
        var file = VaultCodec.Seal(key, Plaintext);
        BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(offset), value);

        var error = Assert.Throws<VaultFormatException>(() => VaultCodec.Open(file, TestVaults.Passphrase, out _));

        Assert.Contains("Argon2id parameters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_a_vault_is_said_so()
    {
        var error = Assert.Throws<VaultFormatException>(() => VaultCodec.Open("hello world, this is not a vault at all...........,.,.,.,.,.,"u8, "x", out _));

        Assert.StartsWith("not a ShLogin OTP vault", error.Message, StringComparison.Ordinal);
    }
}
