using System.Text.Json.Serialization;

namespace ShLogin.OtpServer.Endpoints;

/// <summary><c>{"detail": "…"}</c>: every refusal, in the words of the seed's REST contract.</summary>
public sealed record DetailResponse(string Detail);

/// <summary><c>{"status": "OK"}</c>.</summary>
public sealed record StatusResponse(string Status);

/// <summary>An entry as listed: never its seed.</summary>
public sealed record EntryResponse(string Appuuid, string Name, string Realm, string Username, bool Trusted);

/// <summary>An entry just created: its seed, this once.</summary>
public sealed record CreatedEntryResponse(string Appuuid, string Name, string Realm, string Username, bool Trusted, string Seed);

/// <summary>Compile-time JSON for the responses (the native build has no reflection-based serialisation).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DetailResponse))]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(EntryResponse))]
[JsonSerializable(typeof(CreatedEntryResponse))]
[JsonSerializable(typeof(List<EntryResponse>))]
public sealed partial class OtpJsonContext : JsonSerializerContext;
