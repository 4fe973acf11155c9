using RulesMesh.Mesh;

namespace RulesMesh.Translation;

/// <summary>How a translation warning names an input object: <c>Kind namespace/name</c>, or <c>Kind name</c> outside namespaces.</summary>
internal static class WarningSubject
{
    /// <summary>The subject of a warning about <paramref name="resource"/>.</summary>
    public static string Of(ObjectKey resource)
        => resource.Namespace.Length == 0 ? $"{resource.Kind} {resource.Name}" : $"{resource.Kind} {resource.Namespace}/{resource.Name}";
}
