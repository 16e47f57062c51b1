namespace ShLogin.Stack.Tests;

/// <summary>How a running sh-login starts itself again (serve, demo): the native binary or apphost alone, or dotnet with the entry assembly.</summary>
public class SelfCommandTests
{
    [Fact]
    public void Current_runs_this_program_again_with_the_entry_assembly_only_under_the_dotnet_host()
    {
        var self = SelfCommand.Current();

        Assert.Equal(Environment.ProcessPath, self.FileName);
        if (string.Equals(Path.GetFileNameWithoutExtension(self.FileName), "dotnet", StringComparison.Ordinal))
        {
            // The test host runs under dotnet, as `dotnet sh-login.dll` does: the entry assembly is a file of the app directory.
            var entry = Assert.Single(self.Arguments);
            Assert.True(File.Exists(entry), entry);
            Assert.Equal(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), Path.GetDirectoryName(entry));
            Assert.EndsWith(".dll", entry, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(self.Arguments);
        }
    }
}
