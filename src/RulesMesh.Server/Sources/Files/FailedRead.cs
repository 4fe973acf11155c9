namespace RulesMesh.Server.Sources.Files;

/// <summary>A file read with errors.</summary>
/// <param name="Path">The file.</param>
/// <param name="Problems">What was wrong.</param>
/// <param name="KeptLastGood">The file was known, so its last good objects stay; otherwise the documents that loaded are used.</param>
internal sealed record FailedRead(string Path, IReadOnlyList<string> Problems, bool KeptLastGood);
