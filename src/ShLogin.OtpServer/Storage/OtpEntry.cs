namespace ShLogin.OtpServer.Storage;

/// <summary>One entry as stored: who it is, and its seed sealed by <see cref="Secrets.SeedCipher"/>.</summary>
/// <param name="Id">The appuuid: random, the key of the row and the associated data of its seed.</param>
/// <param name="Name">The entry's name; with <paramref name="Realm"/> unique.</param>
/// <param name="Realm">Its realm (see <see cref="Realms.RealmPolicy"/>).</param>
/// <param name="Username">Who the entry belongs to (free text).</param>
/// <param name="Trusted">The seed's <c>trusted</c> flag, kept for its clients; the realm decides what an entry may do.</param>
/// <param name="SealedSeed">The encrypted seed.</param>
/// <param name="CreatedAt">When it was made.</param>
public sealed record OtpEntry(Guid Id, string Name, string Realm, string Username, bool Trusted, byte[] SealedSeed, DateTimeOffset CreatedAt);
