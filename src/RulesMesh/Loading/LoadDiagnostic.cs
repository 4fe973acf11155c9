using System.Globalization;

namespace RulesMesh.Loading;

/// <summary>A problem found while loading manifests, located in its source.</summary>
/// <param name="Severity">Whether a document was lost (error) or skipped on purpose (warning).</param>
/// <param name="Message">What is wrong, without the location.</param>
/// <param name="SourceName">The file path, or a name such as <c>&lt;stdin&gt;</c>.</param>
/// <param name="Position">Line and column in the source.</param>
/// <param name="FieldPath">The field at fault, such as <c>spec.ports[0].port</c>; null when the document as a whole is.</param>
public sealed record LoadDiagnostic(DiagnosticSeverity Severity, string Message, string SourceName, SourcePosition Position, string? FieldPath = null)
{
    /// <summary>An error at <paramref name="position"/>.</summary>
    public static LoadDiagnostic Error(string message, string sourceName, SourcePosition position, string? fieldPath = null)
        => new(DiagnosticSeverity.Error, message, sourceName, position, fieldPath);

    /// <summary>A warning at <paramref name="position"/>.</summary>
    public static LoadDiagnostic Warning(string message, string sourceName, SourcePosition position)
        => new(DiagnosticSeverity.Warning, message, sourceName, position);

    /// <summary>Formats like a compiler message: <c>file:line:column: error: message (at field)</c>.</summary>
    public override string ToString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var field = FieldPath is null ? string.Empty : $" (at {FieldPath})";
        return string.Create(CultureInfo.InvariantCulture, $"{SourceName}:{Position.Line}:{Position.Column}: {severity}: {Message}{field}");
    }
}
