using Microsoft.Extensions.Time.Testing;
using ShLogin.LoginService.Sessions;
using ShLogin.LoginService.Tests.TestSupport;

namespace ShLogin.LoginService.Tests.Sessions;

public sealed class FileSessionStoreTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly FakeTimeProvider _time = LoginServiceHost.NewClock();

    private string StorePath => _directory.Combine("sessions");

    private FileSessionStore Open() => new(StorePath, _time);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Added_sessions_are_active_until_they_expire()
    {
        var store = Open();
        store.Add("session-a", _time.GetUtcNow().AddHours(1));

        Assert.True(store.IsActive("session-a"));
        Assert.False(store.IsActive("session-b"));

        _time.Advance(TimeSpan.FromHours(1));
        Assert.False(store.IsActive("session-a"));
        Assert.Empty(store.ListActive());
    }

    [Fact]
    public void Removed_sessions_are_no_longer_active()
    {
        var store = Open();
        store.Add("session-a", _time.GetUtcNow().AddHours(1));

        Assert.True(store.Remove("session-a"));
        Assert.False(store.IsActive("session-a"));
        Assert.False(store.Remove("session-a"));
    }

    [Fact]
    public void Sessions_survive_reopening_and_revocations_too()
    {
        var first = Open();
        first.Add("kept", _time.GetUtcNow().AddHours(2));
        first.Add("revoked", _time.GetUtcNow().AddHours(2));
        first.Remove("revoked");

        var second = Open();

        Assert.True(second.IsActive("kept"));
        Assert.False(second.IsActive("revoked"));
        Assert.Equal(["kept"], second.ListActive().Select(s => s.SessionId));
    }

    [Fact]
    public void Expired_sessions_are_dropped_when_loading()
    {
        var first = Open();
        first.Add("short", _time.GetUtcNow().AddMinutes(1));
        first.Add("long", _time.GetUtcNow().AddHours(1));
        _time.Advance(TimeSpan.FromMinutes(2));

        var second = Open();
        second.Add("new", _time.GetUtcNow().AddHours(1));

        Assert.DoesNotContain("short", File.ReadAllText(StorePath), StringComparison.Ordinal);
        Assert.Contains("long", File.ReadAllText(StorePath), StringComparison.Ordinal);
    }

    [Fact]
    public void The_file_is_private_and_no_temporary_file_is_left_behind()
    {
        var store = Open();
        store.Add("session-a", _time.GetUtcNow().AddHours(1));
        store.Add("session-b", _time.GetUtcNow().AddHours(1));
        store.Remove("session-a");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(StorePath));
        Assert.Equal(["sessions"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_world_readable_file_from_elsewhere_is_made_private_when_loaded()
    {
        File.WriteAllText(StorePath, "shlogin-sessions 1\n");
        File.SetUnixFileMode(StorePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead | UnixFileMode.GroupRead);

        _ = Open();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(StorePath));
    }

    [Fact]
    public void Changes_raise_events()
    {
        var store = Open();
        var seen = new List<(SessionChangeKind, string)>();
        store.Changed += (_, change) => seen.Add((change.Kind, change.Session.SessionId));

        store.Add("a", _time.GetUtcNow().AddMinutes(1));
        store.Add("b", _time.GetUtcNow().AddHours(1));
        store.Remove("b");
        _time.Advance(TimeSpan.FromMinutes(5));
        store.Add("c", _time.GetUtcNow().AddHours(1));

        Assert.Equal(
            [(SessionChangeKind.Added, "a"), (SessionChangeKind.Added, "b"), (SessionChangeKind.Removed, "b"), (SessionChangeKind.Expired, "a"), (SessionChangeKind.Added, "c")],
            seen);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("line\nbreak")]
    [InlineData("non-ascii-é")]
    public void Malformed_session_ids_are_refused(string id)
    {
        var store = Open();

        Assert.Throws<ArgumentException>(() => store.Add(id, _time.GetUtcNow().AddHours(1)));
    }

    [Fact]
    public void A_damaged_file_loads_what_it_can()
    {
        var expiry = _time.GetUtcNow().AddHours(1).ToUnixTimeMilliseconds();
        File.WriteAllText(StorePath, $"shlogin-sessions 1\ngood {expiry}\nbad line here\nno-expiry\nbad! {expiry}\nneg -5\n");

        var store = Open();

        Assert.Equal(["good"], store.ListActive().Select(s => s.SessionId));
    }

    [Fact]
    public void A_file_of_another_format_is_ignored()
    {
        var expiry = _time.GetUtcNow().AddHours(1).ToUnixTimeMilliseconds();
        File.WriteAllText(StorePath, $"something else\ngood {expiry}\n");

        Assert.Empty(Open().ListActive());
    }
}
