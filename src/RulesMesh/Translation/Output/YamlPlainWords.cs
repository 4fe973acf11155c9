using System.Text;

namespace RulesMesh.Translation.Output;

/// <summary>
/// The UTF-8 text of names a <see cref="Utf8YamlTokenWriter"/> meets again and again as the same string (field and enum
/// names, which come as <see cref="System.Text.Json.JsonEncodedText"/>), when YAML writes them plain: worked out once,
/// not for every key and value.
/// </summary>
/// <remarks>Keyed by the string instance: it holds as many entries as there are names in the program. One thread at a time.</remarks>
internal sealed class YamlPlainWords
{
    private readonly Dictionary<string, byte[]?> _words = new(ReferenceEqualityComparer.Instance);

    /// <summary>The UTF-8 text of <paramref name="name"/> if it is written plain, as a value and as a simple key; else null.</summary>
    public byte[]? Utf8(string name)
    {
        if (!_words.TryGetValue(name, out var utf8))
        {
            utf8 = Encoding.UTF8.GetByteCount(name) == name.Length && YamlScalarAnalysis.IsSimplePlainKey(name) ? Encoding.UTF8.GetBytes(name) : null;
            _words.Add(name, utf8);
        }

        return utf8;
    }
}
