
namespace ShLogin.Stack.Tests;

public class ShellCommandProgramTests
{
    [Theory]
    [InlineData("/nonexistent/bin --flag", "/nonexistent/bin")]
    [InlineData("python3 -m http.server", "python3")]
    [InlineData("exec jupyter-lab --no-browser", "jupyter-lab")]
    [InlineData("FOO=1 BAR=2 myapp --port 8", "myapp")]
    [InlineData("  \tspaced   out", "spaced")]
    public void The_first_program_word_is_found(string line, string program) =>
        Assert.Equal(program, ShellCommandProgram.FirstProgram(line));

    [Theory]
    [InlineData("\"/path with space/app\"")]
    [InlineData("$HOME/bin/app")]
    [InlineData("`which app`")]
    [InlineData("(cd x; app)")]
    [InlineData("app;other")]
    [InlineData("~/bin/app")]
    [InlineData("")]
    [InlineData("FOO=1")]
    public void Lines_only_a_shell_can_read_are_left_to_the_shell(string line) =>
        Assert.Null(ShellCommandProgram.FirstProgram(line));

    [Theory]
    [InlineData("cd", true)]
    [InlineData("exit", true)]
    [InlineData("while", true)]
    [InlineData("python3", false)]
    public void Builtins_are_known(string word, bool builtin) =>
        Assert.Equal(builtin, ShellCommandProgram.IsBuiltin(word));
}
