using System.Security.Cryptography;
using ShLogin.Vault.Format;

namespace ShLogin.Vault.Tests.Format;

/// <summary>The KDF and cipher the vault uses, against the vectors of their specifications.</summary>
public class KnownAnswerTests
{
    [Fact]
    public void Argon2id_matches_the_test_vector_of_RFC_9106_section_5_3()
    {
        // RFC 9106 §5.3: Argon2id version 0x13, m=32 KiB, t=3, p=4, P=32×0x01, S=16×0x02, K=8×0x03, X=12×0x04.
        var tag = Argon2idKdf.Derive(
            Enumerable.Repeat((byte)0x01, 32).ToArray(),
            Enumerable.Repeat((byte)0x02, 16).ToArray(),
            new KdfParameters(32, 3, 4),
            32,
            secret: Enumerable.Repeat((byte)0x03, 8).ToArray(),
            associatedData: Enumerable.Repeat((byte)0x04, 12).ToArray());

        Assert.Equal("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", Convert.ToHexStringLower(tag));
    }

    [Fact]
    public void Argon2id_refuses_parameters_outside_the_limits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Argon2idKdf.Derive([1], new byte[16], new KdfParameters(KdfParameters.MaxMemoryKiB + 1, 1, 1), 32));
        Assert.Throws<ArgumentOutOfRangeException>(() => Argon2idKdf.Derive([1], new byte[16], new KdfParameters(31, 1, 4), 32));
        Assert.Throws<ArgumentOutOfRangeException>(() => Argon2idKdf.Derive([1], new byte[16], new KdfParameters(64, 0, 1), 32));
    }

    [Fact]
    public void Aes_256_gcm_matches_test_case_16_of_the_GCM_specification()
    {
        // McGrew & Viega, "The Galois/Counter Mode of Operation", test case 16 (256-bit key, 60-byte plaintext, 20-byte AAD), as in NIST's GCM validation.
        var key = Convert.FromHexString("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
        var nonce = Convert.FromHexString("cafebabefacedbaddecaf888");
        var plaintext = Convert.FromHexString(
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        var aad = Convert.FromHexString("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[16];

        using var gcm = new AesGcm(key, 16);
        gcm.Encrypt(nonce, plaintext, ciphertext, tag, aad);

        Assert.Equal(
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
            Convert.ToHexStringLower(ciphertext));
        Assert.Equal("76fc6ece0f4e1768cddf8853bb2d551b", Convert.ToHexStringLower(tag));
    }

    [Fact]
    public void A_sealed_vault_is_AES_256_GCM_under_the_Argon2id_key_with_the_whole_header_as_associated_data()
    {
        // Rebuilt from the primitives alone, as another implementation of the format would.
        using var key = VaultKey.CreateNew(TestVaults.Passphrase, TestVaults.Cheap);
        var plaintext = "{\"accounts\":[]}"u8.ToArray();
        var file = VaultCodec.Seal(key, plaintext);

        var header = VaultHeader.Parse(file);
        var rawKey = Argon2idKdf.Derive(System.Text.Encoding.UTF8.GetBytes(TestVaults.Passphrase), header.Salt, header.Kdf, 32);
        var decrypted = new byte[header.CiphertextLength];
        using var gcm = new AesGcm(rawKey, 16);
        gcm.Decrypt(header.Nonce, file.AsSpan(56, header.CiphertextLength), file.AsSpan(56 + header.CiphertextLength, 16), decrypted, file.AsSpan(0, 56));

        Assert.Equal(plaintext, decrypted);
        Assert.Equal("SHLOTPV\n"u8.ToArray(), file[..8]);
        Assert.Equal([0, 1, 1, 1], file[8..12]);
    }
}
