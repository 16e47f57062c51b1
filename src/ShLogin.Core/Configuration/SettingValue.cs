namespace ShLogin.Configuration;

/// <summary>A raw value and the variable or flag it came from.</summary>
internal sealed record SettingValue(string Setting, string Value);
