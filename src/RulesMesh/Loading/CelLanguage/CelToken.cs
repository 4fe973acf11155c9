namespace RulesMesh.Loading.CelLanguage;

/// <summary>What a token of a CEL expression is.</summary>
internal enum CelTokenKind
{
    /// <summary>An identifier or keyword (<c>self</c>, <c>true</c>, <c>in</c>).</summary>
    Identifier,

    /// <summary>An integer literal.</summary>
    Integer,

    /// <summary>A floating-point literal.</summary>
    Double,

    /// <summary>A string literal, with its escapes already resolved.</summary>
    String,

    /// <summary>An operator or punctuation mark.</summary>
    Symbol,

    /// <summary>The end of the expression.</summary>
    End,
}

/// <summary>One token of a CEL expression, with the offset it starts at for error messages.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Text">The identifier, symbol or resolved string; the literal's digits for numbers.</param>
/// <param name="Offset">Where it starts in the expression.</param>
internal readonly record struct CelToken(CelTokenKind Kind, string Text, int Offset)
{
    /// <summary>Whether this is the symbol <paramref name="symbol"/>.</summary>
    public bool Is(string symbol) => Kind == CelTokenKind.Symbol && Text == symbol;
}
