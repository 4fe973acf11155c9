using RulesMesh.Generators.Common;

namespace RulesMesh.Generators.Crd.Model
{
    /// <summary>One schema property. <see cref="WireName"/> is kept verbatim for JSON; <see cref="Name"/> is the C# name.</summary>
    internal sealed record PropertyModel(
        string WireName,
        string Name,
        TypeRef Type,
        bool Required,
        bool Nullable,
        string? Description,
        string? DefaultJson,
        EquatableArray<string> Constraints);
}
