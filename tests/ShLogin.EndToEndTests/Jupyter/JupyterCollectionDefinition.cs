using ShLogin.EndToEndTests.Infrastructure;

namespace ShLogin.EndToEndTests.Jupyter;

/// <summary>Tests that share one Jupyter stack and one browser; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class JupyterCollectionDefinition : ICollectionFixture<JupyterStackFixture>, ICollectionFixture<BrowserFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Jupyter stack";
}

/// <summary>The same for the Jupyter stack behind the built-in proxy.</summary>
[CollectionDefinition(Name)]
public sealed class BuiltinProxyJupyterCollectionDefinition : ICollectionFixture<BuiltinProxyJupyterStackFixture>, ICollectionFixture<BrowserFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Jupyter stack, built-in proxy";
}
