using System.Globalization;

namespace ShLogin.Files;

/// <summary>Who this process acts as, and how to name a user in a message.</summary>
public static class UserAccounts
{
    /// <summary>The effective user id: the owner of what this process creates.</summary>
    public static uint EffectiveUserId => NativeFiles.GetEffectiveUserId();

    /// <summary>A user as messages name it, e.g. <c>nobody (uid 65534)</c>, or <c>uid 1234</c> when it has no name.</summary>
    public static string Describe(uint uid) =>
        NativeFiles.UserName(uid) is { Length: > 0 } name
            ? string.Create(CultureInfo.InvariantCulture, $"{name} (uid {uid})")
            : string.Create(CultureInfo.InvariantCulture, $"uid {uid}");

    /// <summary>The name <c>chown</c> takes for <paramref name="uid"/>: its name, or the number.</summary>
    public static string ChownName(uint uid) =>
        NativeFiles.UserName(uid) is { Length: > 0 } name ? name : uid.ToString(CultureInfo.InvariantCulture);
}
