using ShLogin.EndToEndTests.Infrastructure;

namespace ShLogin.EndToEndTests.Jupyter;

/// <summary>The Jupyter stack (token mode) the tests of the Jupyter collection share, behind nginx.</summary>
public class JupyterStackFixture : SharedStackFixture
{
    /// <summary>The proxy in front of Jupyter (see <see cref="Proxies"/>).</summary>
    public virtual string Proxy => Proxies.Nginx;

    /// <inheritdoc />
    protected override void CheckRequirements()
    {
        Proxies.Require(Proxy);
        Requirements.Jupyter();
    }

    /// <inheritdoc />
    protected override StackOptions Options() => StackOptions.Jupyter().Using(Proxy);
}

/// <summary>The same Jupyter stack behind the built-in proxy.</summary>
public sealed class BuiltinProxyJupyterStackFixture : JupyterStackFixture
{
    /// <inheritdoc />
    public override string Proxy => Proxies.Builtin;
}
