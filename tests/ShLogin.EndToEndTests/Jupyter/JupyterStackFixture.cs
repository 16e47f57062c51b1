using ShLogin.EndToEndTests.Infrastructure;

namespace ShLogin.EndToEndTests.Jupyter;

/// <summary>The Jupyter stack (token mode) the tests of the Jupyter collection share.</summary>
public sealed class JupyterStackFixture : SharedStackFixture
{
    /// <inheritdoc />
    protected override void CheckRequirements()
    {
        Requirements.Nginx();
        Requirements.Jupyter();
    }

    /// <inheritdoc />
    protected override StackOptions Options() => StackOptions.Jupyter();
}
