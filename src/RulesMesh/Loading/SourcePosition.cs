namespace RulesMesh.Loading;

/// <summary>A place in a manifest file, as a person would look for it in an editor.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Column">1-based column number.</param>
public readonly record struct SourcePosition(int Line, int Column)
{
    /// <summary>Formats as <c>line:column</c>.</summary>
    public override string ToString() => $"{Line}:{Column}";
}
