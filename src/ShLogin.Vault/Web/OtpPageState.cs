using System.Security.Cryptography;
using ShLogin.Vault.Format;
using ShLogin.Vault.Storage;

namespace ShLogin.Vault.Web;

/// <summary>What the pages share: the vault, its key (derived once at start) and the form token.</summary>
internal sealed class OtpPageState(VaultStore store, VaultKey key, TimeProvider time)
{
    public VaultStore Store { get; } = store;

    public VaultKey Key { get; } = key;

    public TimeProvider Time { get; } = time;

    /// <summary>
    /// The anti-CSRF token every form carries: random per process, shown only in pages of this
    /// origin, which another site cannot read.
    /// </summary>
    public string FormToken { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    public bool IsFormToken(string? candidate) =>
        candidate is not null
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(candidate), System.Text.Encoding.ASCII.GetBytes(FormToken));
}
