using System.Text.Json.Nodes;

namespace RulesMesh.Tests.Engine;

/// <summary>One way to change an object of a kind: edits its manifest and says what it did, or returns null when the object has nothing to change that way.</summary>
/// <param name="Name">What it changes.</param>
/// <param name="Apply">The edit.</param>
internal sealed record Mutation(string Name, Func<JsonObject, EditContext, string?> Apply);
