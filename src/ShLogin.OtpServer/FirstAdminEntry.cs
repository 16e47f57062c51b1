using System.Text;

namespace ShLogin.OtpServer;

/// <summary>The first admin entry <see cref="OtpServerInit"/> made: shown to its owner once, then only its sealed seed is kept.</summary>
/// <param name="AppUuid">The entry's appuuid.</param>
/// <param name="Name">Its name.</param>
/// <param name="Realm">Its realm, <see cref="Realms.RealmPolicy.Admin"/>.</param>
/// <param name="Seed">Its seed, Base32 as clients configure it.</param>
/// <param name="CreatedKey">True when the server key file was made now.</param>
/// <param name="Database">The store, as messages name it.</param>
public sealed record FirstAdminEntry(Guid AppUuid, string Name, string Realm, string Seed, bool CreatedKey, string Database)
{
    // The record's generated ToString would print the seed.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name).Append(", Realm = ").Append(Realm).Append(", AppUuid = ").Append(AppUuid);
        return true;
    }
}
