using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation.FormatValidators;

namespace RulesMesh.Loading.Schema;

/// <summary>
/// pattern, minLength, maxLength and format, as NJsonSchema checks them: the pattern is a .NET regular expression
/// searched anywhere in the value (compiled once here, where NJsonSchema looks it up in Regex's cache each time),
/// lengths count UTF-16 code units, and a format is checked only when NJsonSchema has a validator for it (date-time,
/// ipv4 and ipv6 among the bundled schemas' formats; int32, int64 and double have none), by that same validator.
/// </summary>
internal sealed class StringConstraints
{
    private readonly Regex? pattern;
    private readonly int? minLength;
    private readonly int? maxLength;
    private readonly IReadOnlyList<IFormatValidator> formats;

    private StringConstraints(JsonSchema schema, IReadOnlyList<IFormatValidator> formats)
    {
        pattern = string.IsNullOrEmpty(schema.Pattern) ? null : new Regex(schema.Pattern);
        minLength = schema.MinLength;
        maxLength = schema.MaxLength;
        this.formats = formats;
    }

    /// <summary>The string constraints of <paramref name="schema"/>, or null when it has none.</summary>
    public static StringConstraints? Of(JsonSchema schema, IReadOnlyDictionary<string, IFormatValidator[]> formatValidators)
    {
        IReadOnlyList<IFormatValidator> formats = !string.IsNullOrEmpty(schema.Format) && formatValidators.TryGetValue(schema.Format, out var validators)
            ? validators
            : [];
        return string.IsNullOrEmpty(schema.Pattern) && schema.MinLength is null && schema.MaxLength is null && formats.Count == 0
            ? null
            : new StringConstraints(schema, formats);
    }

    public bool Accepts(string value)
        => !(pattern is not null && !pattern.IsMatch(value))
            && !(minLength is { } min && value.Length < min)
            && !(maxLength is { } max && value.Length > max)
            && (formats.Count == 0 || formats.Any(format => format.IsValid(value, JTokenType.String)));
}
