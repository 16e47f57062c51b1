namespace ShLogin.Nginx;

/// <summary>
/// The account nginx workers switch to. Only needed when the master runs as root: nginx would
/// otherwise switch them to <c>nobody</c>, which cannot enter the private runtime directory.
/// </summary>
public sealed record NginxWorkerUser
{
    /// <summary>Creates the worker account.</summary>
    /// <param name="name">The user name.</param>
    /// <param name="group">The group name; null means the group named like the user.</param>
    /// <exception cref="ArgumentException">A name has characters that are not valid in account names.</exception>
    public NginxWorkerUser(string name, string? group = null)
    {
        Name = Validate(name, nameof(name));
        Group = group is null ? null : Validate(group, nameof(group));
    }

    /// <summary>The user name.</summary>
    public string Name { get; }

    /// <summary>The group name, or null for the group named like the user.</summary>
    public string? Group { get; }

    /// <summary>
    /// The account for a master started by this process: the current user when it is root,
    /// else null (an unprivileged master runs its workers as itself and must not name a user).
    /// </summary>
    public static NginxWorkerUser? ForCurrentProcess() =>
        Environment.IsPrivilegedProcess ? new NginxWorkerUser(Environment.UserName) : null;

    private static string Validate(string value, string parameter)
    {
        ArgumentNullException.ThrowIfNull(value, parameter);
        if (value.Length == 0 || value.StartsWith('-') || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw new ArgumentException($"Account name {Printable.Of(value)} must be letters, digits, '_', '-' and '.'.", parameter);
        }

        return value;
    }
}
