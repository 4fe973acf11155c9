using System.Text.Json;
using NJsonSchema;

namespace RulesMesh.Loading.Schema;

/// <summary>
/// The compiled checks of one schema node, in NJsonSchema's terms: anyOf, allOf, oneOf and not; the declared type and
/// the constraints on strings, numbers and lists (which, as in NJsonSchema, apply to any value of that shape whatever
/// the declared type); enum; and the object's properties. A value NJsonSchema reads as null is skipped by the type,
/// value and enum checks when the node is nullable.
/// </summary>
internal sealed class StructuralSchemaNode
{
    /// <summary>A node using a keyword these checks do not model: every value is left to NJsonSchema.</summary>
    public static StructuralSchemaNode Unmodelled { get; } = new() { IsUnmodelled = true };

    public bool IsUnmodelled { get; init; }

    public JsonObjectType Type { get; init; }

    public bool IsNullable { get; init; }

    public IReadOnlyList<StructuralSchemaNode> AnyOf { get; init; } = [];

    public IReadOnlyList<StructuralSchemaNode> AllOf { get; init; } = [];

    public IReadOnlyList<StructuralSchemaNode> OneOf { get; init; } = [];

    public StructuralSchemaNode? Not { get; init; }

    public StringConstraints? Strings { get; init; }

    public NumberConstraints? Numbers { get; init; }

    public ListConstraints? Lists { get; init; }

    public EnumConstraint? Enum { get; init; }

    public ObjectConstraints Objects { get; init; } = ObjectConstraints.None;

    public SchemaVerdict Check(JsonElement value)
    {
        if (IsUnmodelled)
        {
            return SchemaVerdict.Undecided;
        }

        var verdict = SchemaVerdict.Accepted;
        if (AnyOf.Count > 0 && !Combine(ref verdict, CheckAnyOf(value)))
        {
            return SchemaVerdict.Rejected;
        }

        if (AllOf.Count > 0 && !Combine(ref verdict, CheckAllOf(value)))
        {
            return SchemaVerdict.Rejected;
        }

        if (OneOf.Count > 0 && !Combine(ref verdict, CheckOneOf(value)))
        {
            return SchemaVerdict.Rejected;
        }

        if (Not is not null && !Combine(ref verdict, Negate(Not.Check(value))))
        {
            return SchemaVerdict.Rejected;
        }

        var skipsNull = IsNullable && value.ValueKind == JsonValueKind.Null;
        if (!skipsNull && !Combine(ref verdict, CheckTypeAndValue(value)))
        {
            return SchemaVerdict.Rejected;
        }

        if (!skipsNull && Enum is not null && !Combine(ref verdict, Enum.Check(value)))
        {
            return SchemaVerdict.Rejected;
        }

        return Combine(ref verdict, Objects.Check(value, Type)) ? verdict : SchemaVerdict.Rejected;
    }

    // Adds one check's verdict to the node's; false once the node is certainly rejected.
    private static bool Combine(ref SchemaVerdict verdict, SchemaVerdict next)
    {
        if (next == SchemaVerdict.Rejected)
        {
            return false;
        }

        if (next == SchemaVerdict.Undecided)
        {
            verdict = SchemaVerdict.Undecided;
        }

        return true;
    }

    private static SchemaVerdict Negate(SchemaVerdict verdict) => verdict switch
    {
        SchemaVerdict.Accepted => SchemaVerdict.Rejected,
        SchemaVerdict.Rejected => SchemaVerdict.Accepted,
        _ => SchemaVerdict.Undecided,
    };

    private SchemaVerdict CheckAnyOf(JsonElement value)
    {
        var verdict = SchemaVerdict.Rejected;
        foreach (var branch in AnyOf)
        {
            switch (branch.Check(value))
            {
                case SchemaVerdict.Accepted:
                    return SchemaVerdict.Accepted;
                case SchemaVerdict.Undecided:
                    verdict = SchemaVerdict.Undecided;
                    break;
            }
        }

        return verdict;
    }

    private SchemaVerdict CheckAllOf(JsonElement value)
    {
        var verdict = SchemaVerdict.Accepted;
        foreach (var branch in AllOf)
        {
            if (!Combine(ref verdict, branch.Check(value)))
            {
                return SchemaVerdict.Rejected;
            }
        }

        return verdict;
    }

    // Exactly one branch must pass: two passing branches reject whatever the undecided ones would say.
    private SchemaVerdict CheckOneOf(JsonElement value)
    {
        var accepted = 0;
        var undecided = false;
        foreach (var branch in OneOf)
        {
            switch (branch.Check(value))
            {
                case SchemaVerdict.Accepted when ++accepted > 1:
                    return SchemaVerdict.Rejected;
                case SchemaVerdict.Undecided:
                    undecided = true;
                    break;
            }
        }

        return undecided ? SchemaVerdict.Undecided
            : accepted == 1 ? SchemaVerdict.Accepted
            : SchemaVerdict.Rejected;
    }

    // NJsonSchema's type checks: each applies to values of its own shape, and the declared type rejects other shapes.
    private SchemaVerdict CheckTypeAndValue(JsonElement value)
    {
        var verdict = SchemaVerdict.Accepted;
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                if (Lists is not null && !Combine(ref verdict, Lists.Check(value)))
                {
                    return SchemaVerdict.Rejected;
                }

                break;
            case JsonValueKind.String:
                if (Strings is not null && !Strings.Accepts(value.GetString()!))
                {
                    return SchemaVerdict.Rejected;
                }

                break;
            case JsonValueKind.Number:
                var number = SchemaNumber.Read(value);
                if (number.IsBeyondInt64)
                {
                    // NJsonSchema holds such an integer as a BigInteger, which its bounds check cannot convert: it decides.
                    return SchemaVerdict.Undecided;
                }

                if (Numbers is not null && !Numbers.Accepts(number))
                {
                    return SchemaVerdict.Rejected;
                }

                break;
        }

        return IsOfDeclaredType(value) ? verdict : SchemaVerdict.Rejected;
    }

    private bool IsOfDeclaredType(JsonElement value)
    {
        var kind = value.ValueKind;
        return !(Declares(JsonObjectType.Array) && kind != JsonValueKind.Array)
            && !(Declares(JsonObjectType.String) && kind != JsonValueKind.String)
            && !(Declares(JsonObjectType.Number) && kind != JsonValueKind.Number)
            && !(Declares(JsonObjectType.Integer) && !(kind == JsonValueKind.Number && SchemaNumber.IsIntegral(value)))
            && !(Declares(JsonObjectType.Boolean) && kind is not (JsonValueKind.True or JsonValueKind.False))
            && !(Declares(JsonObjectType.Null) && kind != JsonValueKind.Null)
            && !(Declares(JsonObjectType.Object) && kind != JsonValueKind.Object);
    }

    private bool Declares(JsonObjectType type) => (Type & type) != 0;
}
