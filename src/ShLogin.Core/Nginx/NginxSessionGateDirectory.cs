namespace ShLogin.Nginx;

/// <summary>
/// The directory nginx's session gate reads: one empty file per valid session, named by its key
/// (see <see cref="NginxSessionMap"/>). nginx tests the file on every request, so adding or
/// removing one takes effect at nginx's next request, without a reload. The directory is 0700
/// and its files 0600: a key is a bearer credential.
/// </summary>
public static class NginxSessionGateDirectory
{
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = PrivateFile | UnixFileMode.UserExecute;

    /// <summary>Lists <paramref name="key"/>: from now on nginx lets its gate cookie through.</summary>
    /// <exception cref="ArgumentException">The key is not of the accepted form; nothing is written.</exception>
    public static void Add(string directory, string key)
    {
        var path = EntryPath(directory, key);
        EnsureExists(directory);
        try
        {
            // O_CREAT|O_EXCL: never opens (or follows) anything already there.
            using var entry = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                UnixCreateMode = PrivateFile,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Listed already.
        }
    }

    /// <summary>Unlists <paramref name="key"/>: nginx's next request with its gate cookie asks the login service.</summary>
    /// <exception cref="ArgumentException">The key is not of the accepted form.</exception>
    public static void Remove(string directory, string key) => File.Delete(EntryPath(directory, key));

    /// <summary>Makes the directory list exactly <paramref name="keys"/>: entries for others are removed first, then the missing ones added.</summary>
    /// <exception cref="ArgumentException">A key is not of the accepted form; nothing is changed.</exception>
    public static void Replace(string directory, IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        foreach (var key in wanted)
        {
            _ = EntryPath(directory, key);
        }

        EnsureExists(directory);
        foreach (var listed in Directory.GetFileSystemEntries(directory))
        {
            if (!wanted.Contains(Path.GetFileName(listed)))
            {
                DeleteEntry(listed);
            }
        }

        foreach (var key in wanted)
        {
            Add(directory, key);
        }
    }

    /// <summary>Unlists every session: nginx then asks the login service about every request (and fails closed without it).</summary>
    public static void Clear(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var listed in Directory.GetFileSystemEntries(directory))
        {
            DeleteEntry(listed);
        }
    }

    /// <summary>The keys listed now.</summary>
    public static IReadOnlyList<string> List(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return Directory.Exists(directory)
            ? [.. Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).OfType<string>().Where(NginxSessionMap.IsValidKey).Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>Creates the directory (0700) unless it exists.</summary>
    public static void EnsureExists(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, PrivateDirectory);
        }
    }

    private static string EntryPath(string directory, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!NginxSessionMap.IsValidKey(key))
        {
            throw new ArgumentException($"A session gate key must be {NginxSessionMap.KeyLength} lowercase hex digits.", nameof(key));
        }

        return Path.Combine(directory, key);
    }

    // Whatever is there (a file, a symlink, a directory someone made) stops counting as a session.
    private static void DeleteEntry(string path)
    {
        if (Directory.Exists(path) && !File.GetAttributes(path).HasFlag(FileAttributes.ReparsePoint))
        {
            Directory.Delete(path, recursive: true);
        }
        else
        {
            File.Delete(path);
        }
    }
}
