namespace RulesMesh.Tests.Engine;

/// <summary>A property of the engine that did not hold, with the batch it failed after.</summary>
public sealed class EnginePropertyException(string message) : Exception(message);
