using ShLogin.Stack;

namespace ShLogin.Supervisor.Tests.TestSupport;

/// <summary>Programs for the supervisor to run in tests.</summary>
internal static class TestPrograms
{
    /// <summary>A command with no health path (ready once it runs); its endpoint is never asked.</summary>
    public static StackProgram Command(string name, string command, string? workingDirectory, params string[] arguments) => new()
    {
        Name = name,
        Command = command,
        WorkingDirectory = workingDirectory,
        Arguments = arguments,
        Endpoint = StackEndpoint.Tcp("127.0.0.1", 9),
    };

    /// <summary>A tiny HTTP server on <paramref name="port"/> that answers every GET with 200, healthy once <c>/</c> answers.</summary>
    public static StackProgram HttpServer(string name, int port, string workingDirectory) => new()
    {
        Name = name,
        Command = "/usr/bin/python3",
        WorkingDirectory = workingDirectory,
        Arguments = ["-c", $"import http.server as h; h.HTTPServer(('127.0.0.1', {port}), h.SimpleHTTPRequestHandler).serve_forever()"],
        Endpoint = StackEndpoint.Tcp("127.0.0.1", port),
        HealthPath = "/",
    };
}
