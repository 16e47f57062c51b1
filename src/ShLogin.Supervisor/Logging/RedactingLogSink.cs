using ShLogin.Secrets;

namespace ShLogin.Supervisor.Logging;

/// <summary>Passes every line to another sink with its secrets hidden (see <see cref="SecretRedactor"/>).</summary>
public sealed class RedactingLogSink : ILogSink
{
    private readonly ILogSink _inner;
    private readonly SecretRedactor _redactor;

    /// <summary>A sink that hides what <paramref name="redactor"/> finds before <paramref name="inner"/> sees a line.</summary>
    public RedactingLogSink(ILogSink inner, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(redactor);
        _inner = inner;
        _redactor = redactor;
    }

    /// <inheritdoc/>
    public void Write(string program, string line, bool isError) =>
        _inner.Write(program, _redactor.Redact(line ?? string.Empty), isError);
}
