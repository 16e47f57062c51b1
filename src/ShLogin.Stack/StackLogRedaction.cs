using ShLogin.Secrets;

namespace ShLogin.Stack;

/// <summary>The secrets of a stack that its log lines must never show (see <see cref="SecretRedactor"/>).</summary>
public static class StackLogRedaction
{
    /// <summary>A redactor for the token, the TOTP secret (as Base32, with and without padding) and the secret nginx sends the app.</summary>
    public static SecretRedactor For(StackSecrets secrets, WorkloadSpec workload)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(workload);
        List<string?> known = [secrets.Token];
        if (secrets.TotpKey is { } key)
        {
            var base32 = Base32.Encode(key);
            known.AddRange([base32, base32.TrimEnd('=')]);
        }

        if (workload.SecretHeader is { } header)
        {
            // "token XYZ" for Jupyter: the app may log XYZ alone (its own URL, ?token=XYZ).
            known.Add(header.Value);
            known.AddRange(header.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        return new SecretRedactor(known);
    }
}
