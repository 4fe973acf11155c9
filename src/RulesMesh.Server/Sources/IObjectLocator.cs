using RulesMesh.Mesh;

namespace RulesMesh.Server.Sources;

/// <summary>A source that reads objects from files, so it can say where one was written, for messages about it.</summary>
internal interface IObjectLocator
{
    /// <summary>
    /// Where <paramref name="fieldPath"/> of the object <paramref name="key"/> names is written, <c>file:line:column</c>:
    /// at the field, else at the start of its document; null when the object is not one this source read.
    /// </summary>
    string? Locate(ObjectKey key, string? fieldPath);
}
