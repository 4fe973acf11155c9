using System.Text;

namespace RulesMesh.Loading.CelLanguage;

/// <summary>
/// A field a rule selects (<c>self.spec</c>, <c>has(self.port)</c>), prepared where the rule is compiled rather than on
/// every evaluation: the key as written and unescaped, both in UTF-8 to find the property in place, and the property's
/// schema as last looked up (a selection nearly always meets the same schema node).
/// </summary>
internal sealed class CelFieldName
{
    // Replaced whole, never changed: threads evaluating the same rule may share it.
    private PropertySchema? last;

    public CelFieldName(string key)
    {
        Key = key;
        KeyUtf8 = Encoding.UTF8.GetBytes(key);
        Unescaped = CelPropertyNames.Unescape(key);
        UnescapedUtf8 = Unescaped is null ? [] : Encoding.UTF8.GetBytes(Unescaped);
    }

    /// <summary>The key as the rule wrote it: a map's key.</summary>
    public string Key { get; }

    public byte[] KeyUtf8 { get; }

    /// <summary>The property name the key escapes, for an object; null when the key is no escaped name.</summary>
    public string? Unescaped { get; }

    public byte[] UnescapedUtf8 { get; }

    /// <summary>The schema of property <paramref name="name"/> (this field's name in <paramref name="owner"/>'s terms) of <paramref name="owner"/>.</summary>
    public CelSchema PropertyOf(CelSchema owner, string name)
    {
        if (last is { } known && known.Owner == owner)
        {
            return known.Schema;
        }

        var schema = owner.Property(name);
        last = new PropertySchema(owner, schema);
        return schema;
    }

    private sealed record PropertySchema(CelSchema Owner, CelSchema Schema);
}
