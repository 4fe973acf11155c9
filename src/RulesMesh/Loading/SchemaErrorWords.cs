using System.Text;
using NJsonSchema.Validation;

namespace RulesMesh.Loading;

/// <summary>
/// Words for the schema validator's error kinds that have no message of their own, so that no validator code
/// (<c>IntegerExpected</c>) reaches a person: "must be an integer".
/// </summary>
internal static class SchemaErrorWords
{
    /// <summary>The rest of the sentence that starts with the field's path.</summary>
    public static string Describe(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.IntegerExpected => "must be an integer",
        ValidationErrorKind.NumberExpected => "must be a number",
        ValidationErrorKind.StringExpected => "must be a string",
        ValidationErrorKind.BooleanExpected => "must be true or false",
        ValidationErrorKind.ArrayExpected => "must be a list",
        ValidationErrorKind.ObjectExpected => "must be a mapping",
        ValidationErrorKind.NullExpected => "must be null",
        ValidationErrorKind.DateTimeExpected => "must be a date and time (RFC 3339)",
        ValidationErrorKind.IpV4Expected => "must be an IPv4 address",
        ValidationErrorKind.IpV6Expected => "must be an IPv6 address",
        ValidationErrorKind.UriExpected => "must be a URI",
        ValidationErrorKind.EmailExpected => "must be an email address",
        ValidationErrorKind.HostnameExpected => "must be a host name",
        ValidationErrorKind.ItemsNotUnique => "must not repeat an item",
        _ => "is invalid: " + Words(kind.ToString()),
    };

    // "NotAllOf" → "not all of": an unexpected kind still reads as words.
    private static string Words(string pascal)
    {
        var words = new StringBuilder();
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString();
    }
}
