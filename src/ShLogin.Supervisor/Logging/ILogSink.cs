
namespace ShLogin.Supervisor.Logging;

/// <summary>Receives the output lines of the stack's processes.</summary>
public interface ILogSink
{
    /// <summary>One line a program wrote (or the supervisor wrote about it); <paramref name="isError"/> for its standard error.</summary>
    void Write(string program, string line, bool isError);
}
