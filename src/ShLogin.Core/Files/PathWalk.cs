namespace ShLogin.Files;

/// <summary>The result of <see cref="PathTrust.Walk"/>.</summary>
/// <param name="Resolved">The real path of the last component that exists.</param>
/// <param name="Missing">The names below it that do not exist yet, in order.</param>
/// <param name="Final">The status of <paramref name="Resolved"/>.</param>
internal sealed record PathWalk(string Resolved, IReadOnlyList<string> Missing, FileStatus Final);
