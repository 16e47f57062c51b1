
namespace ShLogin.Supervisor.Logging;

/// <summary>Writes every line to standard error as <c>[program] line</c>, one writer at a time.</summary>
public sealed class PrefixedConsoleLogSink : ILogSink
{
    private readonly Lock _gate = new();
    private readonly TextWriter _writer;
    private readonly Func<string, bool> _filter;

    /// <summary>A sink writing to <paramref name="writer"/> (standard error by default) the lines of programs that pass <paramref name="filter"/>.</summary>
    public PrefixedConsoleLogSink(TextWriter? writer = null, Func<string, bool>? filter = null)
    {
        _writer = writer ?? Console.Error;
        _filter = filter ?? (_ => true);
    }

    /// <inheritdoc/>
    public void Write(string program, string line, bool isError)
    {
        if (!_filter(program))
        {
            return;
        }

        lock (_gate)
        {
            _writer.WriteLine($"[{program}] {line}");
        }
    }
}
