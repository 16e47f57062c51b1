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

    [Fact]
    public void An_ended_session_is_raised_before_the_file_is_saved_and_even_when_it_cannot_be()
    {
        var store = Open();
        store.Add("logged-out", _time.GetUtcNow().AddHours(1));
        store.Add("expiring", _time.GetUtcNow().AddMinutes(1));
        var savedWhenRaised = new List<(SessionChangeKind, string, bool)>();
        store.Changed += (_, change) => savedWhenRaised.Add((change.Kind, change.Session.SessionId, File.Exists(StorePath) && File.ReadAllText(StorePath).Contains(change.Session.SessionId, StringComparison.Ordinal)));

        // A logout is raised while the file still lists the session: nginx does not wait for the disk.
        Assert.True(store.Remove("logged-out"));
        Assert.Equal([(SessionChangeKind.Removed, "logged-out", true)], savedWhenRaised);
        Assert.DoesNotContain("logged-out", File.ReadAllText(StorePath), StringComparison.Ordinal);

        // The file cannot be replaced (a directory stands in its place): the expiry is raised all the same.
        File.Delete(StorePath);
        Directory.CreateDirectory(Path.Combine(StorePath, "in-the-way"));
        _time.Advance(TimeSpan.FromMinutes(2));
        savedWhenRaised.Clear();

        Assert.ThrowsAny<IOException>(() => store.RemoveExpired());
        Assert.Equal([(SessionChangeKind.Expired, "expiring", false)], savedWhenRaised);
        Assert.False(store.IsActive("expiring"));
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
