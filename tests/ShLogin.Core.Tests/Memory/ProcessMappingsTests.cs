using ShLogin.Memory;

namespace ShLogin.Tests.Memory;

/// <summary>Which mappings may be dropped from a process's page tables: only unmodified copies of files.</summary>
public sealed class ProcessMappingsTests
{
    private const string Smaps = """
        55d0a0000000-55d0a0021000 r--p 00000000 fe:00 5317741                    /opt/sh-login/sh-login
        Size:                132 kB
        Rss:                 132 kB
        Anonymous:             0 kB
        55d0a0021000-55d0a09c5000 r-xp 00021000 fe:00 5317741                    /opt/sh-login/sh-login
        Size:               9872 kB
        Anonymous:             0 kB
        55d0a12d1000-55d0a12d2000 r--p 012d1000 fe:00 5317741                    /opt/sh-login/sh-login
        Size:                  4 kB
        Anonymous:             4 kB
        55d0a12d2000-55d0a1317000 rw-p 012d2000 fe:00 5317741                    /opt/sh-login/sh-login
        Anonymous:           108 kB
        55d0a1317000-55d0a184e000 rw-p 00000000 00:00 0
        Anonymous:          5188 kB
        55d0a2000000-55d0a2100000 rw-p 00000000 00:00 0                          [heap]
        Anonymous:           892 kB
        7f0000000000-7f0000100000 r--s 00000000 fe:00 1234                       /dev/shm/shared-map
        Anonymous:             0 kB
        7f0000100000-7f0000200000 r-xp 00000000 fe:00 99                         /usr/lib/x86_64-linux-gnu/libc.so.6
        Anonymous:             0 kB
        7f0000200000-7f0000201000 ---p 00100000 fe:00 99                         /usr/lib/x86_64-linux-gnu/libc.so.6
        Anonymous:             0 kB
        7f0000300000-7f0000400000 r-xp 00000000 fe:00 77                         /tmp/replaced/library.so (deleted)
        Anonymous:             0 kB
        7f0000400000-7f0000401000 r-xp 00000000 00:00 0                          [vdso]
        Anonymous:             0 kB
        7f0000500000-7f0000600000 r--p 00000000 fe:00 55                         /opt/with spaces/lib.so
        Anonymous:             0 kB
        7f0000600000-7f0000700000 r--p 00000000 fe:00 56                         /opt/never/told.so
        """;

    [Fact]
    public void Only_unwritten_private_read_only_file_mappings_are_releasable()
    {
        var releasable = ProcessMappings.Releasable(Smaps).ToList();

        Assert.Equal(
            [
                (0x55d0a0000000UL, "/opt/sh-login/sh-login", "r--p"),
                (0x55d0a0021000UL, "/opt/sh-login/sh-login", "r-xp"),
                (0x7f0000100000UL, "/usr/lib/x86_64-linux-gnu/libc.so.6", "r-xp"),
                (0x7f0000500000UL, "/opt/with spaces/lib.so", "r--p"),
            ],
            releasable.Select(m => (m.Start, m.Path, m.Permissions)));
        Assert.Equal(0x9a4000, releasable[1].Length);
    }

    [Theory]
    [InlineData("55d0a12d1000-55d0a12d2000 r--p 012d1000 fe:00 1 /bin/x\nAnonymous: 4 kB", "a relocated page of its own")]
    [InlineData("55d0a12d1000-55d0a12d2000 rw-p 00000000 fe:00 1 /bin/x\nAnonymous: 0 kB", "writable")]
    [InlineData("55d0a12d1000-55d0a12d2000 r--s 00000000 fe:00 1 /bin/x\nAnonymous: 0 kB", "shared")]
    [InlineData("55d0a12d1000-55d0a12d2000 ---p 00000000 fe:00 1 /bin/x\nAnonymous: 0 kB", "no access (a guard)")]
    [InlineData("55d0a12d1000-55d0a12d2000 r--p 00000000 00:00 0\nAnonymous: 0 kB", "anonymous")]
    [InlineData("55d0a12d1000-55d0a12d2000 r--p 00000000 00:00 0 [vvar]\nAnonymous: 0 kB", "a kernel pseudo mapping")]
    [InlineData("55d0a12d1000-55d0a12d2000 r--p 00000000 fe:00 1 /bin/x", "no Anonymous line: unknown")]
    [InlineData("55d0a12d1000-55d0a12d2000 r--p 00000000 fe:00 1 /bin/x\nAnonymous: lots", "an unreadable Anonymous figure")]
    [InlineData("55d0a12d1000-55d0a12d2000 r--p 00000000 fe:00 1 /bin/x (deleted)\nAnonymous: 0 kB", "its file is gone")]
    public void Anything_else_is_kept(string smaps, string why)
    {
        Assert.True(ProcessMappings.Parse(smaps).Count == 1, why);
        Assert.Empty(ProcessMappings.Releasable(smaps));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("Anonymous: 0 kB")]
    [InlineData("zzzz-55d0a12d2000 r--p 00000000 fe:00 1 /bin/x")]
    [InlineData("55d0a12d2000-55d0a12d1000 r--p 00000000 fe:00 1 /bin/x")]
    [InlineData("55d0a12d1000-55d0a12d1000 r--p 00000000 fe:00 1 /bin/x")]
    [InlineData("0-ffffffffffffffff r--p 00000000 fe:00 1 /bin/x")]
    [InlineData("55d0a12d1000-55d0a12d2000 r--pp 00000000 fe:00 1 /bin/x")]
    [InlineData("55d0a12d1000-55d0a12d2000 r--p 0000000g fe:00 1 /bin/x")]
    [InlineData("55d0a12d1000-55d0a12d2000 r--p 00000000 fe00 1 /bin/x")]
    [InlineData("55d0a12d1000-55d0a12d2000 r--p 00000000 fe:00 -1 /bin/x")]
    [InlineData("55d0a12d1000 r--p 00000000 fe:00 1 /bin/x")]
    public void Lines_that_are_not_mapping_headers_give_no_mapping(string smaps)
    {
        Assert.Empty(ProcessMappings.Parse(smaps + "\nAnonymous: 0 kB"));
    }

    [Fact]
    public void This_process_has_releasable_mappings_and_only_such_as_the_rules_allow()
    {
        var smaps = File.ReadAllText("/proc/self/smaps");

        var all = ProcessMappings.Parse(smaps);
        var releasable = ProcessMappings.Releasable(smaps).ToList();

        Assert.Contains(all, m => m.Path == "[heap]" || m.Path.Length == 0);
        Assert.NotEmpty(releasable);
        Assert.All(releasable, m =>
        {
            Assert.Equal('-', m.Permissions[1]);
            Assert.Equal('p', m.Permissions[3]);
            Assert.Equal(0, m.AnonymousKilobytes);
            Assert.StartsWith("/", m.Path, StringComparison.Ordinal);
        });
    }
}
