namespace RulesMesh.Server.Sources.Files;

/// <summary>A file's problems, each as <c>file:line:column: error: message (at field)</c>.</summary>
/// <param name="Path">The file.</param>
/// <param name="Problems">Its problems; empty when it has none.</param>
internal sealed record FileReport(string Path, IReadOnlyList<string> Problems);
