using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Crd.Model
{
    /// <summary>What one schema file contributes: its kinds (one per served version) and the problems found reading it.</summary>
    internal sealed record CrdFile(string Path, EquatableArray<KindVersionModel> Kinds, EquatableArray<DiagnosticInfo> Diagnostics);
}
