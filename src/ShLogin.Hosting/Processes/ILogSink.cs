using ShLogin.Stack;

namespace ShLogin.Hosting.Processes;

/// <summary>Receives the output lines of the stack's processes.</summary>
public interface ILogSink
{
    /// <summary>One line a resource wrote; <paramref name="isError"/> for its standard error.</summary>
    void Write(string resource, string line, bool isError);
}
