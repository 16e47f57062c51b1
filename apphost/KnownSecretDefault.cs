using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Publishing;

namespace ShLogin.AppHost;

/// <summary>
/// The default of a secret parameter: the token or TOTP secret the stack description made for this
/// run (from a CSPRNG) or took from SH_LOGIN_*. Never written to a manifest: a published stack
/// makes its own.
/// </summary>
internal sealed class KnownSecretDefault(string value) : ParameterDefault
{
    public override string GetDefaultValue() => value;

    public override void WriteToManifest(ManifestPublishingContext context) =>
        throw new InvalidOperationException("ShLogin's secrets are made at run time and are not published.");

    public override string ToString() => "(hidden)";
}
