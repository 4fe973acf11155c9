using NJsonSchema.Validation;

namespace RulesMesh.Loading;

/// <summary>
/// Words for a failed oneOf whose branches each require fields, the way CRDs say "at most one of these fields"
/// (Istio's loadBalancer: a branch that none of simple and consistentHash is set, one requiring simple, one requiring
/// consistentHash): the field names come from the branches' required lists, so the message names them rather than the
/// schema's logic ("excluded schema validates").
/// </summary>
internal static class OneOfFieldWords
{
    /// <summary>What is wrong, to follow the field's path; null when the branches name no fields to choose between.</summary>
    public static string? Describe(ChildSchemaValidationError error)
    {
        var fields = error.Schema?.OneOf.SelectMany(static branch => branch.RequiredProperties).Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (fields.Count < 2)
        {
            return null;
        }

        // A branch with no errors matched: more than one matched means more than one field is set; none, that none is.
        var matched = error.Schema!.OneOf.Count - error.Errors.Count(static branch => branch.Value.Count > 0);
        return matched > 1
            ? $"sets more than one of {Join(fields, "and")}: only one of {Join(fields, "or")} may be set"
            : $"needs exactly one of {Join(fields, "or")} to be set";
    }

    // "a or b", "a, b or c".
    private static string Join(List<string> fields, string conjunction)
        => fields.Count == 1 ? fields[0] : $"{string.Join(", ", fields.Take(fields.Count - 1))} {conjunction} {fields[^1]}";
}
