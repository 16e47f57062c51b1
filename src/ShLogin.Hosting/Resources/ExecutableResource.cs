using ShLogin.Stack;

namespace ShLogin.Hosting.Resources;

/// <summary>A program started directly.</summary>
public class ExecutableResource : Resource
{
    private readonly List<string> _arguments;

    /// <summary>A program with its arguments.</summary>
    public ExecutableResource(string name, string command, IEnumerable<string> arguments)
        : base(name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        Command = command;
        _arguments = [.. arguments];
    }

    /// <inheritdoc/>
    public override ResourceKind Kind => ResourceKind.Executable;

    /// <summary>The program.</summary>
    public string Command { get; }

    /// <summary>Its arguments.</summary>
    public IReadOnlyList<string> Arguments => _arguments;

    /// <inheritdoc/>
    public override (string FileName, IReadOnlyList<string> Arguments) GetCommandLine() => (Command, _arguments);

    internal void AddArguments(IEnumerable<string> arguments) => _arguments.AddRange(arguments);
}
