namespace RulesMesh.Server.Sources.Files;

/// <summary>What one read of a manifest file gave.</summary>
/// <param name="Stamp">The file as it was read, or null when it could not be found.</param>
/// <param name="Objects">The objects that loaded, in document order.</param>
/// <param name="Problems">Errors and warnings, as <c>translate</c> prints them (<c>file:line:column: error: message (at field)</c>).</param>
/// <param name="HasErrors">Some document, or the file itself, could not be used.</param>
internal sealed record FileRead(FileStamp? Stamp, IReadOnlyList<FileObject> Objects, IReadOnlyList<string> Problems, bool HasErrors);
