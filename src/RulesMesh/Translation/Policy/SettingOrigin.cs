using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Mesh;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// Where a section of a merged traffic policy was written: its object and its field there
/// (<c>spec.subsets[1].trafficPolicy.outlierDetection</c>), so a warning about it names the field that holds it.
/// </summary>
/// <param name="Resource">The object the section comes from.</param>
/// <param name="FieldPath">The section's field path in it.</param>
internal readonly record struct SettingOrigin(ObjectKey Resource, string FieldPath)
{
    /// <summary>The path of <paramref name="field"/> (<c>interval</c>, <c>tcp.idleTimeout</c>) inside the section.</summary>
    public string Field(string field) => $"{FieldPath}.{field}";

    /// <summary>A section of <paramref name="rule"/> at <paramref name="fieldPath"/>.</summary>
    public static SettingOrigin In(DestinationRule rule, string fieldPath)
        => new(new ObjectKey(DestinationRule.KubeGroup, DestinationRule.KubeKind, rule.Metadata?.NamespaceProperty ?? string.Empty, rule.Metadata?.Name ?? string.Empty), fieldPath);
}
