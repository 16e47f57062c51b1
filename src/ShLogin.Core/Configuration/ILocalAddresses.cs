using System.Net;

namespace ShLogin.Configuration;

/// <summary>Which addresses this machine can listen on, replaceable in tests.</summary>
public interface ILocalAddresses
{
    /// <summary>Whether a socket can be bound to <paramref name="address"/> here.</summary>
    bool CanListenOn(IPAddress address);
}
