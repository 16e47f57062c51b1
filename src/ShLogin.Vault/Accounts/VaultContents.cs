using System.Text.Json;
using System.Text.Json.Serialization;
using ShLogin.Secrets;
using ShLogin.Vault.Format;

namespace ShLogin.Vault.Accounts;

/// <summary>The accounts of a vault, in the order they were added; the plaintext is their JSON.</summary>
public sealed class VaultContents
{
    private readonly List<OtpAccount> _accounts;

    public VaultContents(IEnumerable<OtpAccount>? accounts = null)
    {
        _accounts = [.. accounts ?? []];
    }

    /// <summary>The accounts, in the order they were added.</summary>
    public IReadOnlyList<OtpAccount> Accounts => _accounts;

    /// <summary>The account named <paramref name="name"/> (ignoring case), or null.</summary>
    public OtpAccount? Find(string name) =>
        _accounts.FirstOrDefault(account => string.Equals(account.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Adds an account.</summary>
    /// <exception cref="VaultContentException">An account of that name exists.</exception>
    public void Add(OtpAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (Find(account.Name) is not null)
        {
            throw new VaultContentException($"an account named '{account.Name}' already exists; pick another name or remove it first");
        }

        _accounts.Add(account);
    }

    /// <summary>Removes the account named <paramref name="name"/>.</summary>
    /// <exception cref="VaultContentException">There is none.</exception>
    public OtpAccount Remove(string name)
    {
        var account = Require(name);
        _accounts.Remove(account);
        return account;
    }

    /// <summary>Renames an account.</summary>
    /// <exception cref="VaultContentException">No account has the old name, or another has the new one.</exception>
    public void Rename(string oldName, string newName)
    {
        var account = Require(oldName);
        if (Find(newName) is { } other && !ReferenceEquals(other, account))
        {
            throw new VaultContentException($"an account named '{newName}' already exists");
        }

        _accounts[_accounts.IndexOf(account)] = account with { Name = newName };
    }

    /// <summary>The account named <paramref name="name"/>.</summary>
    /// <exception cref="VaultContentException">There is none.</exception>
    public OtpAccount Require(string name) =>
        Find(name) ?? throw new VaultContentException(
            $"no account named '{name}' in the vault" + (_accounts.Count == 0 ? " (it is empty)" : "; see 'sh-login otp list'"));

    /// <summary>The plaintext stored in the vault.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(
        new StoredContents
        {
            Accounts = [.. _accounts.Select(account => new StoredAccount
            {
                Name = account.Name,
                Issuer = account.Issuer,
                Secret = Base32.Encode(account.Secret),
                Algorithm = TotpParameters.AlgorithmName(account.Parameters.Algorithm),
                Digits = account.Parameters.Digits,
                Period = account.Parameters.PeriodSeconds,
            })],
        },
        VaultJsonContext.Default.StoredContents);

    /// <summary>Reads the plaintext of a vault (already authenticated, still checked).</summary>
    /// <exception cref="VaultFormatException">It is not what this version writes.</exception>
    public static VaultContents FromJson(ReadOnlySpan<byte> json)
    {
        StoredContents? stored;
        try
        {
            stored = JsonSerializer.Deserialize(json, VaultJsonContext.Default.StoredContents);
        }
        catch (JsonException e)
        {
            throw new VaultFormatException("the vault's decrypted contents are not valid: " + e.Message, e);
        }

        var contents = new VaultContents();
        foreach (var account in stored?.Accounts ?? [])
        {
            try
            {
                contents.Add(account.ToAccount());
            }
            catch (Exception e) when (e is VaultContentException or ArgumentException or FormatException)
            {
                throw new VaultFormatException($"the vault holds an invalid account: {e.Message}", e);
            }
        }

        return contents;
    }

    internal sealed class StoredContents
    {
        public List<StoredAccount> Accounts { get; init; } = [];
    }

    internal sealed class StoredAccount
    {
        public string Name { get; init; } = string.Empty;

        public string Issuer { get; init; } = string.Empty;

        public string Secret { get; init; } = string.Empty;

        public string Algorithm { get; init; } = "SHA1";

        public int Digits { get; init; } = 6;

        public int Period { get; init; } = 30;

        public OtpAccount ToAccount()
        {
            if (!OtpAccount.IsValidName(Name) || !OtpAccount.IsValidIssuer(Issuer))
            {
                throw new FormatException($"name or issuer is not {OtpAccount.NameAccepted}");
            }

            if (!Base32.TryDecode(Secret, out var secret) || secret.Length == 0)
            {
                throw new FormatException($"the secret of '{Name}' is not Base32");
            }

            return new OtpAccount
            {
                Name = Name,
                Issuer = Issuer,
                Secret = secret,
                Parameters = new TotpParameters(TotpParameters.ParseAlgorithm(Algorithm), Digits, Period),
            };
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(VaultContents.StoredContents))]
internal sealed partial class VaultJsonContext : JsonSerializerContext;
