using System.Collections.Frozen;

namespace RulesMesh.Loading.CelLanguage;

/// <summary>
/// Kubernetes' escaping of property names for CEL (CRD validation rules, "Escaping"): reserved words become
/// <c>__word__</c>; <c>__</c>, <c>.</c>, <c>-</c> and <c>/</c> become <c>__underscores__</c>, <c>__dot__</c>,
/// <c>__dash__</c> and <c>__slash__</c>.
/// </summary>
internal static class CelPropertyNames
{
    private static readonly FrozenSet<string> ReservedWords = new[]
    {
        "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if", "import",
        "let", "loop", "package", "namespace", "return", "var", "void", "while",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The CEL name of property <paramref name="name"/>.</summary>
    public static string Escape(string name)
    {
        if (ReservedWords.Contains(name))
        {
            return "__" + name + "__";
        }

        return name.Replace("__", "__underscores__", StringComparison.Ordinal)
            .Replace(".", "__dot__", StringComparison.Ordinal)
            .Replace("-", "__dash__", StringComparison.Ordinal)
            .Replace("/", "__slash__", StringComparison.Ordinal);
    }

    /// <summary>
    /// The property whose CEL name is <paramref name="celName"/>, or null when no property escapes to it (a name with
    /// a bare <c>__</c> that is not an escape).
    /// </summary>
    public static string? Unescape(string celName)
    {
        if (!celName.Contains("__", StringComparison.Ordinal))
        {
            return celName;
        }

        var name = celName.Length > 4 && celName.StartsWith("__", StringComparison.Ordinal) && celName.EndsWith("__", StringComparison.Ordinal)
            && ReservedWords.Contains(celName[2..^2])
            ? celName[2..^2]
            : celName.Replace("__underscores__", "\0", StringComparison.Ordinal)
                .Replace("__dot__", ".", StringComparison.Ordinal)
                .Replace("__dash__", "-", StringComparison.Ordinal)
                .Replace("__slash__", "/", StringComparison.Ordinal)
                .Replace("\0", "__", StringComparison.Ordinal);
        return Escape(name) == celName ? name : null;
    }
}
