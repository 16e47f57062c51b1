using ShLogin.Supervisor.Logging;

namespace ShLogin.Supervisor.Tests.TestSupport;

/// <summary>Keeps every line the supervisor writes, for tests to look at while programs run.</summary>
internal sealed class CollectingLogSink : ILogSink
{
    private readonly Lock _gate = new();
    private readonly List<(string Program, string Line)> _lines = [];

    /// <summary>A copy of the lines so far.</summary>
    public IReadOnlyList<(string Program, string Line)> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public void Write(string program, string line, bool isError)
    {
        lock (_gate)
        {
            _lines.Add((program, line));
        }
    }
}
