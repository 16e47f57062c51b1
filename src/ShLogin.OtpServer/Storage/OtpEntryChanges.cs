namespace ShLogin.OtpServer.Storage;

/// <summary>What an update changes; null leaves a field as it is.</summary>
public sealed record OtpEntryChanges(string? Name, string? Realm, string? Username, bool? Trusted);
