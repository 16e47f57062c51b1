namespace ShLogin.OtpServer.Verification;

/// <summary>An entry's name, realm and current code, as a request presents them.</summary>
public sealed record Credentials(string Name, string Realm, string Token);
