using System.Net;
using ShLogin.Configuration;

namespace ShLogin.Tests.Configuration;

/// <summary>A machine with every address, or with none but the ones listed.</summary>
internal sealed class FakeLocalAddresses(params string[] only) : ILocalAddresses
{
    public List<IPAddress> Asked { get; } = [];

    public bool CanListenOn(IPAddress address)
    {
        Asked.Add(address);
        return only.Length == 0 || only.Contains(address.ToString());
    }
}
