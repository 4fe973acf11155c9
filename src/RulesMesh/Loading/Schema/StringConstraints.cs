using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
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

    private StringConstraints(string? pattern, int? minLength, int? maxLength, IReadOnlyList<IFormatValidator> formats)
    {
        this.pattern = string.IsNullOrEmpty(pattern) ? null : new Regex(pattern);
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.formats = formats;
    }

    public static StringConstraints? Of(string? pattern, int? minLength, int? maxLength, IReadOnlyList<IFormatValidator> formats)
        => string.IsNullOrEmpty(pattern) && minLength is null && maxLength is null && formats.Count == 0
            ? null
            : new StringConstraints(pattern, minLength, maxLength, formats);

    public bool Accepts(string value)
        => !(pattern is not null && !pattern.IsMatch(value))
            && !(minLength is { } min && value.Length < min)
            && !(maxLength is { } max && value.Length > max)
            && (formats.Count == 0 || formats.Any(format => format.IsValid(value, JTokenType.String)));
}
