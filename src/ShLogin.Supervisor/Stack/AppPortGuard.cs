using System.Net;
using ShLogin.Supervisor.Health;
using ShLogin.Supervisor.Networking;

namespace ShLogin.Supervisor.Stack;

/// <summary>
/// Keeps nginx from forwarding to an app's loopback port unless the listener there is the app's
/// own. The gate (see <see cref="AppUpstreamGate"/>) is closed before each start; a start is
/// ready only once every listener that takes connections to the port is a socket the app's
/// processes hold (see <see cref="ListenerOwnership"/>), and only then does the gate open. While
/// it is open ShLogin holds a copy of the app's listener (see <see cref="ListenerHold"/>), so the
/// port cannot change hands when the app dies: the gate closes first, then the copy is let go.
/// </summary>
public sealed class AppPortGuard : IDisposable
{
    private readonly AppUpstreamGate _gate;
    private readonly IPAddress _address;
    private readonly int _port;
    private readonly Lock _lock = new();
    private ListenerHold? _verified;
    private ListenerHold? _held;

    /// <summary>A guard for <paramref name="address"/>:<paramref name="port"/> whose gate is <paramref name="gate"/>.</summary>
    public AppPortGuard(AppUpstreamGate gate, IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(address);
        _gate = gate;
        _address = address;
        _port = port;
    }

    /// <summary>The gate this guard opens and closes.</summary>
    public AppUpstreamGate Gate => _gate;

    /// <summary>The readiness check of the app's process <paramref name="processId"/>.</summary>
    public ReadinessVerdict Check(int processId)
    {
        var owner = ListenerOwnership.Find(_address, _port, processId);
        switch (owner.Kind)
        {
            case ListenerOwnerKind.App:
                var hold = ListenerHold.Take(ProcessSockets.TreeOf(processId), owner.Inodes);
                lock (_lock)
                {
                    _verified?.Dispose();
                    _verified = hold;
                }

                return ReadinessVerdict.Ready;
            case ListenerOwnerKind.Other:
                return ReadinessVerdict.Refused(ListenerOwnership.DescribeForeign(_address, _port, owner.Uid ?? -1));
            default:
                return ReadinessVerdict.NotYet;
        }
    }

    /// <summary>The app is ready: nginx may forward to it.</summary>
    public void Open()
    {
        lock (_lock)
        {
            _held?.Dispose();
            _held = _verified;
            _verified = null;
        }

        _gate.Open();
    }

    /// <summary>The app is down or about to start: nginx stops forwarding, then the port is let go.</summary>
    public void Close()
    {
        _gate.Close();
        lock (_lock)
        {
            _held?.Dispose();
            _held = null;
            _verified?.Dispose();
            _verified = null;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Close();
}
