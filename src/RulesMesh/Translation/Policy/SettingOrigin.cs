using RulesMesh.Models.NetworkingIstioIo.V1;
using RulesMesh.Mesh;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// Where a section of a merged traffic policy was written: its object and its field there
/// (<c>spec.subsets[1].trafficPolicy.outlierDetection</c>), so a warning about it names the field that holds it.
/// </summary>
/// <param name="Resource">The object the section comes from.</param>
/// <param name="Policy">The field path of the traffic policy that holds the section (<c>spec.subsets[1].trafficPolicy</c>).</param>
/// <param name="Section">The section's path inside that policy (<c>outlierDetection</c>), or null for the policy itself.</param>
/// <remarks>Every backend with a DestinationRule gets origins; their paths are joined only for a warning.</remarks>
internal readonly record struct SettingOrigin(ObjectKey Resource, string Policy, string? Section = null)
{
    /// <summary>The section's field path in <see cref="Resource"/>.</summary>
    public string FieldPath => Section is null ? Policy : $"{Policy}.{Section}";

    /// <summary>The path of <paramref name="field"/> (<c>interval</c>, <c>tcp.idleTimeout</c>) inside the section.</summary>
    public string Field(string field) => $"{FieldPath}.{field}";

    /// <summary>The section at <paramref name="section"/> of this origin's policy.</summary>
    public SettingOrigin Within(string section) => this with { Section = Section is null ? section : $"{Section}.{section}" };

    /// <summary>A section of <paramref name="rule"/> at <paramref name="fieldPath"/>.</summary>
    public static SettingOrigin In(DestinationRule rule, string fieldPath)
        => new(new ObjectKey(DestinationRule.KubeGroup, DestinationRule.KubeKind, rule.Metadata?.NamespaceProperty ?? string.Empty, rule.Metadata?.Name ?? string.Empty), fieldPath);
}
