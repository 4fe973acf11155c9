namespace RulesMesh.Loading;

/// <summary>A source holds more bytes than the limit it was read with; reading stopped there.</summary>
public sealed class ManifestTooLargeException() : IOException("The source is larger than the size limit.");
