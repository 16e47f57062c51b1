using ShLogin.Files;
using ShLogin.Vault.Accounts;
using ShLogin.Vault.Format;

namespace ShLogin.Vault.Storage;

/// <summary>
/// A vault file on disk: <c>PATH</c>, its previous version <c>PATH.bak</c> and its lock
/// <c>PATH.lock</c>, all 0600 in a directory nobody else controls. Each save first copies the
/// current vault to the backup, then replaces the vault: both steps are atomic and durable, so a
/// crash loses at most the change being saved.
/// </summary>
public sealed class VaultStore
{
    private const int MaxFileBytes = VaultHeader.Length + VaultHeader.MaxCiphertextLength + VaultHeader.TagLength;

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    public VaultStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The vault file.</summary>
    public string Path { get; }

    /// <summary>The previous version, kept by every save.</summary>
    public string BackupPath => Path + ".bak";

    private string LockPath => Path + ".lock";

    private string Directory => System.IO.Path.GetDirectoryName(Path) ?? "/";

    /// <summary>Whether a vault file exists at <see cref="Path"/>.</summary>
    public bool Exists => PathTrust.StatusOf(Path) is not null;

    /// <summary>Creates a new, empty vault. Its directory must exist and be trusted.</summary>
    /// <exception cref="VaultStoreException">A file exists there already, or the directory is not trusted.</exception>
    public VaultKey Create(string passphrase, KdfParameters kdf)
    {
        RequireTrustedDirectory();
        using var fileLock = Lock();
        if (Exists)
        {
            throw new VaultStoreException($"{Path} already exists; refusing to overwrite a vault (remove it yourself to start over)");
        }

        var key = VaultKey.CreateNew(passphrase, kdf);
        DurableFile.Replace(Path, VaultCodec.Seal(key, new VaultContents().ToJson()));
        return key;
    }

    /// <summary>Opens the vault with a passphrase; the key is kept for later reads and saves.</summary>
    /// <exception cref="VaultStoreException">It is missing or not the user's own 0600 file.</exception>
    /// <exception cref="VaultFormatException">Not a vault, another version, truncated, tampered with, or the wrong passphrase.</exception>
    public (VaultKey Key, VaultContents Contents) Unlock(string passphrase)
    {
        var plaintext = VaultCodec.Open(ReadFile(), passphrase, out var key);
        try
        {
            return (key, VaultContents.FromJson(plaintext));
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The accounts as they are now on disk, with a key from <see cref="Unlock"/>.</summary>
    public VaultContents Read(VaultKey key) => VaultContents.FromJson(VaultCodec.Open(ReadFile(), key));

    /// <summary>
    /// Changes the accounts: under the lock, reads the vault as it is now, applies
    /// <paramref name="change"/>, keeps the current file as the backup and writes the new one.
    /// If <paramref name="change"/> throws, nothing is written.
    /// </summary>
    public T Update<T>(VaultKey key, Func<VaultContents, T> change)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(change);
        using var fileLock = Lock();
        var current = ReadFile();
        var contents = VaultContents.FromJson(VaultCodec.Open(current, key));
        var result = change(contents);
        var sealedFile = VaultCodec.Seal(key, contents.ToJson());
        DurableFile.Replace(BackupPath, current);
        DurableFile.Replace(Path, sealedFile);
        return result;
    }

    private byte[] ReadFile()
    {
        RequireTrustedDirectory();
        try
        {
            var bytes = PrivateFile.ReadOwnSecret(Path, MaxFileBytes + 1);
            return bytes.Length > MaxFileBytes
                ? throw new VaultFormatException($"{Path} is larger than any vault ({MaxFileBytes} bytes)")
                : bytes;
        }
        catch (FileNotFoundException e)
        {
            throw new VaultStoreException($"no vault at {Path}; create one with 'sh-login otp init'", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new VaultStoreException($"no vault at {Path} (its directory does not exist); create one with 'sh-login otp init'", e);
        }
        catch (UntrustedPathException e)
        {
            throw new VaultStoreException($"refusing the vault: {e.Reason}" + (e.Fix is null ? string.Empty : $" (fix: {e.Fix})"), e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VaultStoreException($"cannot read {Path}: {e.Message}", e);
        }
    }

    private void RequireTrustedDirectory()
    {
        try
        {
            var resolved = PathTrust.RequireDirectory(Directory);
            if (PathTrust.StatusOf(resolved) is { } status && !status.IsSticky)
            {
                PathTrust.RequirePrivate(resolved, status, UserAccounts.EffectiveUserId);
            }
        }
        catch (UntrustedPathException e)
        {
            throw new VaultStoreException($"refusing the vault's directory: {e.Reason}" + (e.Fix is null ? string.Empty : $" (fix: {e.Fix})"), e);
        }
    }

    private FileStream Lock()
    {
        if (PathTrust.StatusOf(LockPath) is { } status && (status.Kind != FileKind.Regular || status.OwnerId != UserAccounts.EffectiveUserId))
        {
            throw new VaultStoreException($"refusing {LockPath}: it is not a regular file of your own");
        }

        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            // FileShare.None takes an exclusive flock(2) on Unix: one writer at a time (CLI or web view).
            Share = FileShare.None,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(LockPath, options);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
            catch (IOException e)
            {
                throw new VaultStoreException($"cannot lock {LockPath}: {e.Message} (is another sh-login otp changing the vault?)", e);
            }
        }
    }
}
