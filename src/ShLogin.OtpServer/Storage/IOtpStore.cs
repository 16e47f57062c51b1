namespace ShLogin.OtpServer.Storage;

/// <summary>
/// Where entries and used steps live: SQLite for one instance, PostgreSQL for several. Both run
/// the same SQL through <see cref="SqlOtpStore"/> and pass the same test suite.
/// </summary>
public interface IOtpStore : IAsyncDisposable
{
    /// <summary>A short description for the start-up line (never a password).</summary>
    string Describe();

    /// <summary>Brings the schema to the newest version (each step in one transaction).</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>The entry <paramref name="name"/> in <paramref name="realm"/>, or null.</summary>
    Task<OtpEntry?> FindAsync(string name, string realm, CancellationToken cancellationToken);

    /// <summary>The entry <paramref name="id"/>, or null.</summary>
    Task<OtpEntry?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>All entries, by realm and name.</summary>
    Task<IReadOnlyList<OtpEntry>> ListAsync(CancellationToken cancellationToken);

    /// <summary>How many entries <paramref name="realm"/> has.</summary>
    Task<long> CountInRealmAsync(string realm, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="entry"/>; false when its name is taken in its realm.</summary>
    Task<bool> TryCreateAsync(OtpEntry entry, CancellationToken cancellationToken);

    /// <summary>Changes the entry <paramref name="id"/>.</summary>
    Task<UpdateOutcome> UpdateAsync(Guid id, OtpEntryChanges changes, CancellationToken cancellationToken);

    /// <summary>Removes the entry <paramref name="id"/> and its used steps; false when there was none.</summary>
    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the entry's code of <paramref name="timeStep"/> was accepted, in one committed
    /// transaction; false when it had been already (by this or any other instance sharing the
    /// database), which makes the code a replay.
    /// </summary>
    Task<bool> TryUseStepAsync(Guid id, long timeStep, CancellationToken cancellationToken);
}
