using ShLogin.Secrets;

namespace ShLogin.LoginService.Tests.TestSupport;

/// <summary>Fixed secrets for tests, and the codes a real authenticator would show.</summary>
internal static class TestSecrets
{
    public const string Token = "Zm9yLXRlc3RzLW9ubHktbm90LWEtcmVhbC10b2tlbg";

    // The RFC 6238 test key.
    public static byte[] TotpKey => "12345678901234567890"u8.ToArray();

    public static string CodeAt(DateTimeOffset time, TotpParameters? parameters = null) =>
        new Totp(TotpKey, parameters).ComputeAt(time);

    /// <summary>A code of the right shape that is not the code of the step at <paramref name="time"/> or its neighbours.</summary>
    public static string WrongCodeAt(DateTimeOffset time)
    {
        var totp = new Totp(TotpKey);
        var step = totp.StepAt(time);
        var taken = new HashSet<string> { totp.ComputeForStep(step - 1), totp.ComputeForStep(step), totp.ComputeForStep(step + 1) };
        for (var candidate = 0; ; candidate++)
        {
            var code = candidate.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            if (!taken.Contains(code))
            {
                return code;
            }
        }
    }
}
