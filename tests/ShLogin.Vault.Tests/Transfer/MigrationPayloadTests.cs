using ShLogin.Secrets;
using ShLogin.Testing.Processes;
using ShLogin.Vault.Transfer;

namespace ShLogin.Vault.Tests.Transfer;

/// <summary>
/// Google Authenticator's export, decoded from samples that protoc (an independent encoder) made
/// from the public schema, and hostile payloads.
/// </summary>
public class MigrationPayloadTests
{
    // The schema Google Authenticator's export uses, as published (e.g. in otpauth-migration decoders).
    private const string Schema = """
        syntax = "proto3";
        message MigrationPayload {
          enum Algorithm { ALGORITHM_UNSPECIFIED = 0; ALGORITHM_SHA1 = 1; ALGORITHM_SHA256 = 2; ALGORITHM_SHA512 = 3; ALGORITHM_MD5 = 4; }
          enum DigitCount { DIGIT_COUNT_UNSPECIFIED = 0; DIGIT_COUNT_SIX = 1; DIGIT_COUNT_EIGHT = 2; }
          enum OtpType { OTP_TYPE_UNSPECIFIED = 0; OTP_TYPE_HOTP = 1; OTP_TYPE_TOTP = 2; }
          message OtpParameters {
            bytes secret = 1;
            string name = 2;
            string issuer = 3;
            Algorithm algorithm = 4;
            DigitCount digits = 5;
            OtpType type = 6;
            int64 counter = 7;
          }
          repeated OtpParameters otp_parameters = 1;
          int32 version = 2;
          int32 batch_size = 3;
          int32 batch_index = 4;
          int32 batch_id = 5;
        }
        """;

    // Text format: secrets as octal escapes so that protoc, not this test, produces the bytes.
    private const string Sample = """
        otp_parameters {
          secret: "Hello!\336\255\276\357"
          name: "Example:alice@example.com"
          issuer: "Example"
          algorithm: ALGORITHM_SHA1
          digits: DIGIT_COUNT_SIX
          type: OTP_TYPE_TOTP
        }
        otp_parameters {
          secret: "12345678901234567890123456789012"
          name: "bob"
          issuer: "Bänk"
          algorithm: ALGORITHM_SHA256
          digits: DIGIT_COUNT_EIGHT
          type: OTP_TYPE_TOTP
        }
        otp_parameters {
          secret: "counter-based"
          name: "old-token"
          type: OTP_TYPE_HOTP
          counter: 12345678901
        }
        version: 1
        batch_size: 1
        batch_index: 0
        batch_id: -1320224781
        """;

    [Fact]
    public async Task An_export_encoded_by_protoc_is_decoded_to_its_TOTP_accounts()
    {
        var payload = await EncodeWithProtocAsync(Sample);
        var uri = "otpauth-migration://offline?data=" + Uri.EscapeDataString(Convert.ToBase64String(payload));

        var (accounts, skipped) = MigrationPayload.ParseUri(uri);

        Assert.Equal(1, skipped);
        Assert.Collection(
            accounts,
            first =>
            {
                Assert.Equal("Example", first.Issuer);
                Assert.Equal("alice@example.com", first.AccountName);
                Assert.Equal([.. "Hello!"u8, 0xDE, 0xAD, 0xBE, 0xEF], first.Secret);
                Assert.Equal(TotpParameters.Default, first.Parameters);
            },
            second =>
            {
                Assert.Equal("Bänk", second.Issuer);
                Assert.Equal("bob", second.AccountName);
                Assert.Equal("12345678901234567890123456789012"u8.ToArray(), second.Secret);
                Assert.Equal(new TotpParameters(OtpAlgorithm.Sha256, 8, 30), second.Parameters);
            });
    }

    [Fact]
    public async Task Every_truncation_of_a_real_payload_is_refused_or_decoded_never_a_crash()
    {
        var payload = await EncodeWithProtocAsync(Sample);
        for (var length = 0; length < payload.Length; length++)
        {
            try
            {
                MigrationPayload.Decode(payload.AsSpan(0, length));
            }
            catch (TransferException)
            {
                // Refused with a message: fine.
            }
        }

        // Cutting inside the first entry's secret must be refused, not read past.
        var error = Assert.Throws<TransferException>(() => MigrationPayload.Decode(payload.AsSpan(0, 6)));
        Assert.Contains("not valid", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0a")] // a field whose length is missing
    [InlineData("0aff")] // a length that never ends
    [InlineData("0a7f")] // 127 bytes announced, none there
    [InlineData("0affffffffffffffffff01")] // a 2^64 length
    [InlineData("0b")] // a group (wire type 3)
    [InlineData("00")] // field number 0
    [InlineData("0a020a05")] // an entry whose secret is cut short inside
    [InlineData("0a0608ffffffffff")] // ten continuation bytes: a number that never ends
    public void Hostile_payloads_give_one_line(string hex)
    {
        var error = Assert.Throws<TransferException>(() => MigrationPayload.Decode(Convert.FromHexString(hex)));

        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("otpauth-migration://offline?data=%%%")]
    [InlineData("otpauth-migration://offline?data=")]
    [InlineData("otpauth-migration://online?data=AAAA")]
    public void Bad_export_uris_are_refused(string uri)
    {
        Assert.Throws<TransferException>(() => MigrationPayload.ParseUri(uri));
    }

    private static async Task<byte[]> EncodeWithProtocAsync(string text)
    {
        var protoc = Requirements.Protoc();
        var directory = Directory.CreateTempSubdirectory("shlogin-protoc-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "migration.proto"), Schema, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(directory, "sample.txt"), text, TestContext.Current.CancellationToken);
            var result = await ProcessRunner.RunAsync(
                "/bin/sh",
                ["-c", "\"$0\" --proto_path=\"$1\" --encode=MigrationPayload migration.proto < \"$1/sample.txt\" > \"$1/sample.bin\"", protoc, directory]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return await File.ReadAllBytesAsync(Path.Combine(directory, "sample.bin"), TestContext.Current.CancellationToken);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
