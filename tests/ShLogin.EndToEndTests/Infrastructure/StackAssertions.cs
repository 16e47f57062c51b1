namespace ShLogin.EndToEndTests.Infrastructure;

/// <summary>Checks that a stack left nothing behind.</summary>
public static class StackAssertions
{
    /// <summary>
    /// None of <paramref name="processes"/> (a snapshot taken while the stack ran) is alive, no
    /// process anywhere mentions the stack's TMPDIR, the ready file is gone and TMPDIR is empty.
    /// </summary>
    public static void LeftNothingBehind(StackProcess stack, IReadOnlyList<ProcessInfo> processes)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(processes);

        var running = processes.Where(ProcessTable.IsRunning).ToList();
        Assert.True(running.Count == 0, "Still running after start exited:\n" + string.Join('\n', running) + "\n" + stack.Describe());

        var mentioning = ProcessTable.Mentioning(stack.TmpDirectory);
        Assert.True(mentioning.Count == 0, $"Processes still refer to {stack.TmpDirectory}:\n" + string.Join('\n', mentioning));

        Assert.False(File.Exists(stack.ReadyFilePath), "The ready file is still there.");
        var leftovers = Directory.EnumerateFileSystemEntries(stack.TmpDirectory).ToList();
        Assert.True(leftovers.Count == 0, $"Left in TMPDIR {stack.TmpDirectory}:\n" + string.Join('\n', leftovers));
    }
}
