using System.Globalization;
using System.Runtime.InteropServices;

namespace ShLogin.Files;

/// <summary>
/// Decides whether another user could control a path, by walking each of its components from
/// <c>/</c> with <c>lstat</c> semantics. A directory on the way must be owned by you or root and
/// not writable by group or others unless it is sticky (as <c>/tmp</c> is: there only an entry's
/// owner may rename or delete it). A symbolic link on the way is followed only when it is yours or
/// root's (it sits in a directory already checked, so nobody else can replace it); its target is
/// then checked the same way. Anything else throws <see cref="UntrustedPathException"/>.
/// </summary>
public static class PathTrust
{
    /// <summary>What every directory on the way must be, for messages.</summary>
    public const string RouteAccepted =
        "with every directory on the way owned by you or root and not writable by group or others unless sticky (as /tmp is), and no symbolic link of another user";

    /// <summary>What a directory ShLogin creates files in (e.g. a ready file's or $TMPDIR) must be, for messages.</summary>
    public const string DirectoryAccepted = "a directory " + RouteAccepted;

    /// <summary>What a private directory of the stack must be, for messages.</summary>
    public const string PrivateDirectoryAccepted =
        "a directory of your own that group and others cannot write (it is made 0700), " + RouteAccepted;

    private const int MaxSymbolicLinks = 40;

    /// <summary>
    /// Checks that <paramref name="path"/> is an existing directory nobody else controls (it may be
    /// a sticky one such as <c>/tmp</c>); returns its real path.
    /// </summary>
    /// <exception cref="UntrustedPathException">It is missing, not a directory, or another user could control it.</exception>
    public static string RequireDirectory(string path)
    {
        var walk = Walk(path, UserAccounts.EffectiveUserId);
        if (walk.Missing.Count > 0)
        {
            throw new UntrustedPathException(path, $"{Join(walk.Resolved, walk.Missing[0])} does not exist");
        }

        RequireDirectoryKind(path, walk);
        return walk.Resolved;
    }

    /// <summary>The status of <paramref name="path"/> itself (a link is not followed), or null when nothing is there.</summary>
    /// <exception cref="IOException">It cannot be examined.</exception>
    public static FileStatus? StatusOf(string path)
    {
        var error = NativeFiles.LStat(path, out var status);
        return error switch
        {
            0 => status,
            NativeFiles.ENOENT or NativeFiles.ENOTDIR => null,
            _ => throw new IOException($"{path} cannot be examined: {Marshal.GetPInvokeErrorMessage(error)}"),
        };
    }

    /// <summary>
    /// Checks that <paramref name="path"/> is a directory of the invoking user's own that nobody
    /// else can write into: the rule for a directory whose contents ShLogin trusts.
    /// </summary>
    /// <exception cref="UntrustedPathException">It is not.</exception>
    public static void RequirePrivate(string path, FileStatus status, uint user)
    {
        if (status.OwnerId != user)
        {
            throw new UntrustedPathException(
                path,
                $"{path} is owned by {UserAccounts.Describe(status.OwnerId)}, not by you, {UserAccounts.Describe(user)}");
        }

        if (status.IsWritableByOthers)
        {
            throw new UntrustedPathException(
                path,
                $"{path} is writable by {WhoCanWrite(status)} (mode {status.OctalMode})",
                $"chmod 700 {path}");
        }
    }

    /// <summary>
    /// Walks <paramref name="path"/> (made absolute) as <paramref name="user"/> would trust it: the
    /// real path of the part that exists, the names still missing below it, and the status of the
    /// last existing component.
    /// </summary>
    /// <exception cref="UntrustedPathException">A component is untrusted, a link dangles or loops, or a file is in the way.</exception>
    internal static PathWalk Walk(string path, uint user)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var pending = new Stack<Component>();
        PushComponents(pending, full, link: null);

        var current = "/";
        var status = Examine(path, current);
        RequireTrustedDirectory(path, current, status, user);
        var links = 0;
        while (pending.Count > 0)
        {
            var component = pending.Pop();
            if (component.Name is "" or ".")
            {
                continue;
            }

            if (component.Name == "..")
            {
                // Every directory in current is resolved already, so ".." is its lexical parent.
                current = Path.GetDirectoryName(current) ?? "/";
                status = Examine(path, current);
                continue;
            }

            var candidate = Join(current, component.Name);
            var error = NativeFiles.LStat(candidate, out var next);
            if (error == NativeFiles.ENOENT)
            {
                if (component.Link is { } dangling)
                {
                    throw new UntrustedPathException(path, $"{dangling.Path} is a symbolic link to {dangling.Target}, which does not exist");
                }

                // Only names of the path itself are left (a link's names come first): the caller may create them.
                var missing = new List<string> { component.Name };
                missing.AddRange(pending.Select(c => c.Name).Where(name => name is not ("" or ".")));
                return new PathWalk(current, missing, status);
            }

            if (error != 0)
            {
                throw new UntrustedPathException(path, $"{candidate} cannot be examined: {Marshal.GetPInvokeErrorMessage(error)}");
            }

            if (next.Kind == FileKind.SymbolicLink)
            {
                if (!IsTrustedOwner(next.OwnerId, user))
                {
                    throw new UntrustedPathException(
                        path, $"{candidate} is a symbolic link owned by {UserAccounts.Describe(next.OwnerId)}; only links of yours or root's are followed");
                }

                if (++links > MaxSymbolicLinks)
                {
                    throw new UntrustedPathException(path, $"{path} has too many levels of symbolic links (a loop at {candidate}?)");
                }

                var target = new FileInfo(candidate).LinkTarget
                    ?? throw new UntrustedPathException(path, $"{candidate} is a symbolic link that cannot be read");
                if (target.StartsWith('/'))
                {
                    current = "/";
                    status = Examine(path, current);
                }

                PushComponents(pending, target, new LinkInfo(candidate, target));
                continue;
            }

            if (next.Kind != FileKind.Directory)
            {
                if (pending.Any(c => c.Name is not ("" or ".")))
                {
                    throw new UntrustedPathException(path, $"{candidate} is not a directory");
                }

                return new PathWalk(candidate, [], next);
            }

            RequireTrustedDirectory(path, candidate, next, user);
            current = candidate;
            status = next;
        }

        return new PathWalk(current, [], status);
    }

    internal static void RequireDirectoryKind(string path, PathWalk walk)
    {
        if (walk.Final.Kind != FileKind.Directory)
        {
            throw new UntrustedPathException(path, $"{walk.Resolved} is not a directory");
        }
    }

    internal static string Join(string directory, string name) => directory == "/" ? "/" + name : directory + "/" + name;

    private static bool IsTrustedOwner(uint owner, uint user) => owner == 0 || owner == user;

    private static void RequireTrustedDirectory(string path, string directory, FileStatus status, uint user)
    {
        if (!IsTrustedOwner(status.OwnerId, user))
        {
            var allowed = user == 0 ? "root" : $"you, {UserAccounts.Describe(user)}, or root";
            throw new UntrustedPathException(
                path, $"{directory} is owned by {UserAccounts.Describe(status.OwnerId)}; only {allowed} may own it");
        }

        if (status.IsWritableByOthers && !status.IsSticky)
        {
            throw new UntrustedPathException(
                path, $"{directory} is writable by {WhoCanWrite(status)} (mode {status.OctalMode}) and not sticky");
        }
    }

    private static string WhoCanWrite(FileStatus status) =>
        (status.Mode & UnixFileMode.GroupWrite, status.Mode & UnixFileMode.OtherWrite) switch
        {
            (not 0, not 0) => "group and others",
            (not 0, _) => "its group",
            _ => "others",
        };

    private static FileStatus Examine(string path, string directory)
    {
        var error = NativeFiles.LStat(directory, out var status);
        return error == 0
            ? status
            : throw new UntrustedPathException(
                path, string.Create(CultureInfo.InvariantCulture, $"{directory} cannot be examined: {Marshal.GetPInvokeErrorMessage(error)}"));
    }

    private static void PushComponents(Stack<Component> pending, string path, LinkInfo? link)
    {
        var names = path.Split('/');
        for (var i = names.Length - 1; i >= 0; i--)
        {
            pending.Push(new Component(names[i], link));
        }
    }

    private sealed record LinkInfo(string Path, string Target);

    private sealed record Component(string Name, LinkInfo? Link);
}
