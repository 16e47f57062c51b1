using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace ShLogin.Files;

/// <summary>
/// Directories whose contents the stack trusts (the runtime directory, the login service's data):
/// owned by the invoking user, mode 0700, reached through a path <see cref="PathTrust"/> accepts.
/// Missing components are created 0700 with an exclusive <c>mkdir</c>, and the result is checked
/// again, so a directory another user slipped in meanwhile is refused, never used.
/// </summary>
public static class PrivateDirectory
{
    /// <summary>0700.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Makes <paramref name="path"/> a private directory: created (with missing parents) when
    /// absent, else checked to be the user's own and not writable by others; then set to 0700.
    /// </summary>
    /// <returns>Its real path, and whether this call created it.</returns>
    /// <exception cref="UntrustedPathException">Another user could control it or the way to it.</exception>
    /// <exception cref="IOException">It cannot be created.</exception>
    public static (string Path, bool Created) Ensure(string path)
    {
        var user = UserAccounts.EffectiveUserId;
        var (resolved, created) = CreateMissing(path, user);
        var walk = PathTrust.Walk(resolved, user);
        if (walk.Missing.Count > 0)
        {
            throw new UntrustedPathException(path, $"{PathTrust.Join(walk.Resolved, walk.Missing[0])} disappeared while it was created");
        }

        PathTrust.RequireDirectoryKind(path, walk);
        PathTrust.RequirePrivate(walk.Resolved, walk.Final, user);
        if (walk.Final.Mode != Mode)
        {
            File.SetUnixFileMode(walk.Resolved, Mode);
        }

        return (walk.Resolved, created);
    }

    /// <summary>
    /// Makes <paramref name="path"/> a directory that others cannot control but that need not be
    /// private (a parent such as <c>$TMPDIR</c>, which may be <c>/tmp</c>): created 0700 when absent.
    /// </summary>
    /// <returns>Its real path.</returns>
    /// <exception cref="UntrustedPathException">Another user could control it or the way to it.</exception>
    /// <exception cref="IOException">It cannot be created.</exception>
    public static string EnsureTrusted(string path)
    {
        var (resolved, _) = CreateMissing(path, UserAccounts.EffectiveUserId);
        return PathTrust.RequireDirectory(resolved);
    }

    /// <summary>
    /// Creates a new private directory <c>PREFIX</c> + random characters under the trusted
    /// directory <paramref name="parent"/>; an existing name (whoever made it) is never reused.
    /// </summary>
    /// <returns>The new directory's path.</returns>
    /// <exception cref="UntrustedPathException">Another user could control <paramref name="parent"/>.</exception>
    /// <exception cref="IOException">No directory can be created there.</exception>
    public static string CreateUnique(string parent, string prefix, int suffixLength)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        var trusted = PathTrust.RequireDirectory(parent);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var candidate = PathTrust.Join(trusted, prefix + RandomNumberGenerator.GetString(Alphabet, suffixLength));
            if (NativeFiles.MakeDirectory(candidate, (uint)Mode) == 0)
            {
                return Ensure(candidate).Path;
            }

            var error = Marshal.GetLastPInvokeError();
            if (error != NativeFiles.EEXIST)
            {
                throw new IOException($"cannot create a directory in {trusted}: {Marshal.GetPInvokeErrorMessage(error)}");
            }
        }

        throw new IOException($"no unused name for a new directory in {trusted}");
    }

    private static (string Path, bool Created) CreateMissing(string path, uint user)
    {
        var walk = PathTrust.Walk(path, user);
        var current = walk.Resolved;
        if (walk.Missing.Count > 0)
        {
            PathTrust.RequireDirectoryKind(path, walk);
        }

        var created = false;
        foreach (var name in walk.Missing)
        {
            current = PathTrust.Join(current, name);
            if (NativeFiles.MakeDirectory(current, (uint)Mode) == 0)
            {
                created = true;
                continue;
            }

            // Someone else's directory of that name is caught by the check that follows.
            var error = Marshal.GetLastPInvokeError();
            if (error != NativeFiles.EEXIST)
            {
                throw new IOException($"cannot create {current}: {Marshal.GetPInvokeErrorMessage(error)}");
            }

            created = false;
        }

        return (current, created);
    }
}
