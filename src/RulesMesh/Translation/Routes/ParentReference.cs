namespace RulesMesh.Translation.Routes;

/// <summary>A route's parentRef as written (group, kind and namespace may be absent), echoed back in route status.</summary>
public sealed record ParentReference(string? Group, string? Kind, string? Namespace, string Name, string? SectionName, int? Port);
