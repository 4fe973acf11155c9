namespace RulesMesh.Engine;

/// <summary>An input object's identity inside the engine: its model type, namespace and name.</summary>
internal readonly record struct InputKey(Type Type, string Namespace, string Name);
