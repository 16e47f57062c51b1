using ShLogin.Secrets;
using ShLogin.Vault.Accounts;

namespace ShLogin.Vault.Transfer;

/// <summary>An account read from an otpauth URI or a migration payload, before it has a name in the vault.</summary>
public sealed record ImportedAccount
{
    /// <summary>The issuer, or empty.</summary>
    public string Issuer { get; init; } = string.Empty;

    /// <summary>The account name at the issuer (the label without the issuer), or empty.</summary>
    public string AccountName { get; init; } = string.Empty;

    /// <summary>The shared secret.</summary>
    public required byte[] Secret { get; init; }

    /// <summary>Algorithm, digits and period.</summary>
    public TotpParameters Parameters { get; init; } = TotpParameters.Default;

    /// <summary>The names to try in the vault, best first: the issuer, then "issuer:account", then the account.</summary>
    public IEnumerable<string> SuggestedNames()
    {
        var candidates = new List<string>();
        if (Issuer.Length > 0)
        {
            candidates.Add(Issuer);
            if (AccountName.Length > 0)
            {
                candidates.Add($"{Issuer}:{AccountName}");
            }
        }

        if (AccountName.Length > 0)
        {
            candidates.Add(AccountName);
        }

        return candidates.Select(Clean).Where(OtpAccount.IsValidName).Distinct(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The account under <paramref name="name"/>.</summary>
    public OtpAccount Named(string name) => new()
    {
        Name = name,
        Issuer = OtpAccount.IsValidIssuer(Clean(Issuer)) ? Clean(Issuer) : string.Empty,
        Secret = Secret,
        Parameters = Parameters,
    };

    /// <summary>Adds this account to <paramref name="contents"/> under the first free suggested name (or <paramref name="name"/>).</summary>
    /// <exception cref="VaultContentException">The name is taken, or no suggested name is free.</exception>
    public OtpAccount AddTo(VaultContents contents, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var chosen = name ?? SuggestedNames().FirstOrDefault(candidate => contents.Find(candidate) is null)
            ?? throw new VaultContentException(
                SuggestedNames().Any()
                    ? $"an account named '{SuggestedNames().First()}' already exists; give another name"
                    : "the account has no issuer or name to call it by; give a name");
        var account = Named(chosen);
        contents.Add(account);
        return account;
    }

    private static string Clean(string text)
    {
        var printable = new string([.. text.Where(c => !char.IsControl(c))]).Trim();
        return printable.Length <= OtpAccount.MaxNameLength ? printable : printable[..OtpAccount.MaxNameLength].Trim();
    }
}
