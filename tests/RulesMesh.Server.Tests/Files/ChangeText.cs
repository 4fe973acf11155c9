using RulesMesh.Engine;

namespace RulesMesh.Server.Tests.Files;

/// <summary>A change in words, for exact comparisons: <c>upsert Service infra/a</c>, <c>delete Service infra/a</c>.</summary>
internal static class ChangeText
{
    public static string Of(ResourceChange change) => change switch
    {
        ResourceChange.Upsert upsert => $"upsert {upsert.Object.Kind} {upsert.Object.Metadata.NamespaceProperty}/{upsert.Object.Metadata.Name}",
        ResourceChange.Delete delete => $"delete {delete.Key.Kind} {delete.Key.Namespace}/{delete.Key.Name}",
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };

    public static string[] Of(IEnumerable<ResourceChange> changes) => [.. changes.Select(Of)];
}
