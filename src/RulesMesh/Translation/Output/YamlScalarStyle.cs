namespace RulesMesh.Translation.Output;

/// <summary>
/// How <see cref="Utf8YamlTokenWriter"/> writes a scalar in block context: the style YamlDotNet's emitter settles on for
/// the style <see cref="JsonYamlWriter"/> asks of it, so that both write the same bytes.
/// </summary>
internal enum YamlScalarStyle
{
    /// <summary>The text as it is.</summary>
    Plain,

    /// <summary>Between single quotes, each single quote doubled.</summary>
    SingleQuoted,

    /// <summary>Between double quotes, with escapes.</summary>
    DoubleQuoted,
}
