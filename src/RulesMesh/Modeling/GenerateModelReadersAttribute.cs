namespace RulesMesh.Modeling;

/// <summary>
/// Asks the model reader generator for a reader of each named type, and of every model type they reach, as static
/// methods of the attributed <c>static partial</c> class: <c>Read{TypeName}(ref Utf8JsonReader, JsonSerializerOptions)</c>.
/// A reader reads as System.Text.Json's reflection deserializer does with <c>[JsonPropertyName]</c> names, without
/// reflection; a type it cannot read that way (a converter, required members, other System.Text.Json attributes) is
/// handed to the serializer.
/// </summary>
/// <param name="types">The root types to generate readers for.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class GenerateModelReadersAttribute(params Type[] types) : Attribute
{
    /// <summary>The root types.</summary>
    public IReadOnlyList<Type> Types { get; } = types;
}
