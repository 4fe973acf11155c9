namespace RulesMesh.Loading.CelLanguage;

/// <summary>A CEL expression that is not well formed.</summary>
internal sealed class CelSyntaxException(string message) : Exception(message);
