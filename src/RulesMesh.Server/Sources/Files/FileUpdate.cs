using RulesMesh.Engine;

namespace RulesMesh.Server.Sources.Files;

/// <summary>What taking in some file reads changed.</summary>
/// <param name="Changes">Upserts of objects new or changed in effect, then deletes of objects no file defines any more.</param>
/// <param name="Reports">The files whose problems changed, with their problems now (empty: cleared).</param>
/// <param name="Failed">The files read with errors this time.</param>
internal sealed record FileUpdate(IReadOnlyList<ResourceChange> Changes, IReadOnlyList<FileReport> Reports, IReadOnlyList<FailedRead> Failed);
