using System.Text.Json;

namespace RulesMesh.Loading.CelLanguage;

/// <summary>A property's default value and schema.</summary>
/// <param name="Name">The property.</param>
/// <param name="Value">Its default.</param>
/// <param name="Schema">Its schema.</param>
internal sealed record CelDefault(string Name, JsonElement Value, CelSchema Schema);
