using ShLogin.Stack;

namespace ShLogin.Hosting.Processes;

/// <summary>Writes every line to standard error as <c>[resource] line</c>, one writer at a time.</summary>
public sealed class PrefixedConsoleLogSink : ILogSink
{
    private readonly Lock _gate = new();
    private readonly TextWriter _writer;
    private readonly Func<string, bool> _filter;

    /// <summary>A sink writing to <paramref name="writer"/> (standard error by default) the lines of resources that pass <paramref name="filter"/>.</summary>
    public PrefixedConsoleLogSink(TextWriter? writer = null, Func<string, bool>? filter = null)
    {
        _writer = writer ?? Console.Error;
        _filter = filter ?? (_ => true);
    }

    /// <inheritdoc/>
    public void Write(string resource, string line, bool isError)
    {
        if (!_filter(resource))
        {
            return;
        }

        lock (_gate)
        {
            _writer.WriteLine($"[{resource}] {line}");
        }
    }
}
