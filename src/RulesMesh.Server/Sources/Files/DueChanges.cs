namespace RulesMesh.Server.Sources.Files;

/// <summary>Change notices that have settled.</summary>
/// <param name="Files">Files to read again, whatever their stamps say.</param>
/// <param name="Folders">A folder changed: read every file again.</param>
/// <param name="StillSettling">Files with notices not yet settled: leave them as they are for now.</param>
internal sealed record DueChanges(IReadOnlyList<string> Files, bool Folders, IReadOnlySet<string> StillSettling)
{
    /// <summary>Anything to do.</summary>
    public bool Any => Files.Count > 0 || Folders;
}
