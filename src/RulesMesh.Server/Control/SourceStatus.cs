namespace RulesMesh.Server.Control;

/// <summary>One source as <c>/debug/sources</c> shows it.</summary>
/// <param name="Name">The source's name.</param>
/// <param name="Synced">Its initial state is in.</param>
/// <param name="Problems">Problems by origin (file path, watched kind); origins without problems are absent.</param>
public sealed record SourceStatus(string Name, bool Synced, IReadOnlyDictionary<string, IReadOnlyList<string>> Problems);
