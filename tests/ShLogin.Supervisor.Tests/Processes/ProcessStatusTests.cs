using ShLogin.Supervisor.Processes;

namespace ShLogin.Supervisor.Tests.Processes;

public sealed class ProcessStatusTests
{
    [Fact]
    public void A_stat_line_gives_id_state_parent_and_group()
    {
        var status = ProcessStatus.Parse("4242 (nginx) S 1 4200 4200 0 -1 4194624 120 0 0 0 0 0 0 0 20 0 1 0 123456 0 0");

        Assert.Equal(new ProcessStatus(4242, 'S', 1, 4200), status);
        Assert.True(status!.IsAlive);
    }

    [Theory]
    [InlineData("77 (a) Z 1 1 () S 5 77 77 0", 'S', 5, 77)]
    [InlineData("77 (two words) R 9 8 8", 'R', 9, 8)]
    [InlineData("77 (()) Z 3 77 77", 'Z', 3, 77)]
    public void A_command_name_with_spaces_and_parentheses_does_not_shift_the_fields(string line, char state, int parent, int group)
    {
        var status = ProcessStatus.Parse(line);

        Assert.Equal(new ProcessStatus(77, state, parent, group), status);
    }

    [Theory]
    [InlineData('Z')]
    [InlineData('X')]
    public void Zombies_and_dead_processes_are_not_alive(char state)
    {
        Assert.False(ProcessStatus.Parse($"5 (sleep) {state} 1 5 5")!.IsAlive);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("12 (x)")]
    [InlineData("12 (x) S")]
    [InlineData("12 (x) S 1")]
    [InlineData("-3 (x) S 1 1 1")]
    [InlineData("12 (x) S one 1 1")]
    [InlineData("12 (x) SS 1 1 1")]
    [InlineData("12 (x S 1 1 1")]
    [InlineData("99999999999 (x) S 1 1 1")]
    [InlineData("(x) S 1 1 1")]
    public void Anything_else_is_not_a_status(string line)
    {
        Assert.Null(ProcessStatus.Parse(line));
    }

    [Fact]
    public void This_process_is_found_in_proc_with_its_own_group()
    {
        var self = ProcessStatus.Read(Environment.ProcessId);

        Assert.NotNull(self);
        Assert.True(self.IsAlive);
        Assert.Contains(ProcessStatus.ReadAll(), process => process.Id == Environment.ProcessId);
    }
}
