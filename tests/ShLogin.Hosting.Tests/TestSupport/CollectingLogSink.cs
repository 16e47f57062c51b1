using ShLogin.Hosting.Processes;
using ShLogin.Stack;

namespace ShLogin.Hosting.Tests.TestSupport;

/// <summary>Keeps every line the supervisor writes, for tests to look at while resources run.</summary>
internal sealed class CollectingLogSink : ILogSink
{
    private readonly Lock _gate = new();
    private readonly List<(string Resource, string Line)> _lines = [];

    /// <summary>A copy of the lines so far.</summary>
    public IReadOnlyList<(string Resource, string Line)> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public void Write(string resource, string line, bool isError)
    {
        lock (_gate)
        {
            _lines.Add((resource, line));
        }
    }
}
