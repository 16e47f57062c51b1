using System.Globalization;
using ShLogin.Secrets;
using ShLogin.Testing.Processes;
using ShLogin.Vault.Accounts;

namespace ShLogin.Vault.Tests;

/// <summary>The codes of vault accounts against oathtool (OATH Toolkit), an independent implementation, for random secrets.</summary>
public class OathToolTests
{
    [Fact]
    public async Task Codes_match_oathtool_for_random_secrets_algorithms_digits_periods_and_times()
    {
        var oathtool = Requirements.OathTool();
        var random = new Random(20261202);
        for (var i = 0; i < 24; i++)
        {
            var secret = new byte[random.Next(10, 65)];
            random.NextBytes(secret);
            var algorithm = (OtpAlgorithm)(i % 3);
            var digits = 6 + (i % 3);
            var period = new[] { 30, 60, 15, 45 }[i % 4];
            var time = DateTimeOffset.FromUnixTimeSeconds(random.NextInt64(0, 4_000_000_000));
            var account = new OtpAccount { Name = "a", Secret = secret, Parameters = new TotpParameters(algorithm, digits, period) };

            var result = await ProcessRunner.RunAsync(oathtool, [
                "--totp=" + TotpParameters.AlgorithmName(algorithm).ToLowerInvariant(),
                "--base32",
                "--digits=" + digits.ToString(CultureInfo.InvariantCulture),
                "--time-step-size=" + period.ToString(CultureInfo.InvariantCulture) + "s",
                "--now=@" + time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                Base32.Encode(secret),
            ]);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(result.StandardOutput.Trim(), account.CodeAt(time));
        }
    }
}
