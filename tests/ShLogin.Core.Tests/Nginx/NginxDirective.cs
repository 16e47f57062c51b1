using Xunit;

namespace ShLogin.Core.Tests.Nginx;

/// <summary>One parsed nginx directive; <see cref="Block"/> is null for a simple directive ending in ';'.</summary>
internal sealed record NginxDirective(string Name, IReadOnlyList<string> Arguments, IReadOnlyList<NginxDirective>? Block)
{
    public IEnumerable<NginxDirective> Children(string name) =>
        (Block ?? []).Where(directive => directive.Name == name);

    public NginxDirective Single(string name, params string[] arguments) =>
        Assert.Single(Block ?? [], directive => directive.Name == name && directive.Arguments.SequenceEqual(arguments));

    public IEnumerable<NginxDirective> Descendants() =>
        (Block ?? []).SelectMany(child => new[] { child }.Concat(child.Descendants()));
}
