using System.Security.Cryptography;
using System.Text;
using ShLogin.Nginx;

namespace ShLogin.LoginService.NginxGate;

/// <summary>
/// The value of the <see cref="NginxAuthContract.SessionGateCookie"/> cookie for a session: 128
/// bits of SHA-256 over the session id, in lowercase hex. It is as unguessable as the session id,
/// yet knowing it (nginx's map file) reveals nothing of the id itself.
/// </summary>
internal static class SessionGateKey
{
    private const string Purpose = "shlogin nginx session gate v1\n";

    public static string For(string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(Purpose + sessionId), hash);
        return Convert.ToHexStringLower(hash[..(NginxSessionMap.KeyLength / 2)]);
    }
}
