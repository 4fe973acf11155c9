using System.Globalization;
using System.Text.Json;

namespace RulesMesh.Loading.Schema;

/// <summary>
/// enum, as NJsonSchema checks it: the value's text (Newtonsoft's <c>JValue.ToString()</c>) must equal the text of
/// one allowed value, so the integer 1 matches "1" and true matches "True".
/// </summary>
internal sealed class EnumConstraint(IEnumerable<object?> allowed)
{
    private readonly HashSet<string?> texts = allowed.Select(value => value?.ToString()).ToHashSet(StringComparer.Ordinal);

    public SchemaVerdict Check(JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => bool.TrueString,
            JsonValueKind.False => bool.FalseString,
            JsonValueKind.Null => string.Empty,
            JsonValueKind.Number => NumberText(SchemaNumber.Read(value)),
            _ => null,
        };

        // A list or mapping reads as Newtonsoft's indented JSON, which is not modelled here.
        return text is null ? SchemaVerdict.Undecided
            : texts.Contains(text) ? SchemaVerdict.Accepted
            : SchemaVerdict.Rejected;
    }

    private static string? NumberText(SchemaNumber number)
        => number.IsBeyondInt64 ? null
            : number.IsInteger ? number.Integer.ToString(CultureInfo.CurrentCulture)
            : number.Double.ToString(CultureInfo.CurrentCulture);
}
