using System.Text;
using System.Text.Json;
using NJsonSchema;

namespace RulesMesh.Loading.Schema;

/// <summary>
/// An object schema's properties, as NJsonSchema checks them on a manifest whose explicit nulls are left out
/// (<see cref="SchemaInstance"/>): each declared property present is checked, a required one must be present (on a
/// value that is not a mapping too), minProperties and maxProperties count the properties (each only when above zero),
/// and the other properties must pass additionalProperties, or are refused where it is false.
/// </summary>
internal sealed class ObjectConstraints
{
    // Arrays: a foreach over an interface would allocate an enumerator on every object checked.
    private readonly DeclaredProperty[] declared;
    private readonly byte[][] requiredUndeclared;
    private readonly HashSet<string> declaredNames;
    private readonly bool requiresAny;
    private readonly int minProperties;
    private readonly int maxProperties;
    private readonly StructuralSchemaNode? additionalProperties;
    private readonly bool allowsAdditionalProperties;

    public ObjectConstraints(
        IReadOnlyList<DeclaredProperty> declared,
        IEnumerable<string> requiredUndeclared,
        int minProperties,
        int maxProperties,
        StructuralSchemaNode? additionalProperties,
        bool allowsAdditionalProperties)
    {
        this.declared = [.. declared];
        this.requiredUndeclared = [.. requiredUndeclared.Select(Encoding.UTF8.GetBytes)];
        declaredNames = declared.Select(property => property.Name).ToHashSet(StringComparer.Ordinal);
        requiresAny = this.requiredUndeclared.Length > 0 || declared.Any(property => property.IsRequired);
        this.minProperties = minProperties;
        this.maxProperties = maxProperties;
        this.additionalProperties = additionalProperties;
        this.allowsAdditionalProperties = allowsAdditionalProperties;
    }

    /// <summary>A schema with no properties, no required ones, no bounds and any additional property allowed.</summary>
    public static ObjectConstraints None { get; } = new([], [], 0, 0, null, allowsAdditionalProperties: true);

    public SchemaVerdict Check(JsonElement value, JsonObjectType type)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            // NJsonSchema reports a missing required property on a value that is not a mapping as well.
            return (type & JsonObjectType.Null) != 0 || !requiresAny
                ? SchemaVerdict.Accepted
                : SchemaVerdict.Rejected;
        }

        var verdict = SchemaVerdict.Accepted;
        var found = 0;
        foreach (var property in declared)
        {
            if (value.TryGetProperty(property.Utf8Name, out var propertyValue) && propertyValue.ValueKind != JsonValueKind.Null)
            {
                found++;
                switch (property.Schema.Check(propertyValue))
                {
                    case SchemaVerdict.Rejected:
                        return SchemaVerdict.Rejected;
                    case SchemaVerdict.Undecided:
                        verdict = SchemaVerdict.Undecided;
                        break;
                }
            }
            else if (property.IsRequired)
            {
                return SchemaVerdict.Rejected;
            }
        }

        foreach (var name in requiredUndeclared)
        {
            if (!value.TryGetProperty(name, out var requiredValue) || requiredValue.ValueKind == JsonValueKind.Null)
            {
                return SchemaVerdict.Rejected;
            }
        }

        var count = 0;
        foreach (var property in value.EnumerateObject())
        {
            count += property.Value.ValueKind == JsonValueKind.Null ? 0 : 1;
        }

        if ((maxProperties > 0 && count > maxProperties) || (minProperties > 0 && count < minProperties))
        {
            return SchemaVerdict.Rejected;
        }

        return count == found ? verdict : CheckAdditional(value, verdict);
    }

    private SchemaVerdict CheckAdditional(JsonElement value, SchemaVerdict verdict)
    {
        if (additionalProperties is null)
        {
            return allowsAdditionalProperties ? verdict : SchemaVerdict.Rejected;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null || (declaredNames.Count > 0 && declaredNames.Contains(property.Name)))
            {
                continue;
            }

            switch (additionalProperties.Check(property.Value))
            {
                case SchemaVerdict.Rejected:
                    return SchemaVerdict.Rejected;
                case SchemaVerdict.Undecided:
                    verdict = SchemaVerdict.Undecided;
                    break;
            }
        }

        return verdict;
    }
}
