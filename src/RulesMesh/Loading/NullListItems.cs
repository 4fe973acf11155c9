using System.Text.Json;

namespace RulesMesh.Loading;

/// <summary>
/// Core kinds have no schema to refuse <c>ports: [null]</c>, and the typed model would hold a null port that no rule
/// expects: a null list item is reported where it stands instead.
/// </summary>
internal static class NullListItems
{
    /// <summary>A violation for every null item of a list anywhere in <paramref name="manifest"/>.</summary>
    public static IReadOnlyList<SchemaViolation> In(JsonElement manifest)
    {
        // Most documents have none: look first without building a field path for every node.
        if (!Contains(manifest))
        {
            return [];
        }

        var violations = new List<SchemaViolation>();
        Collect(manifest, FieldPath.Root, violations);
        return violations;
    }

    private static bool Contains(JsonElement node)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in node.EnumerateObject())
                {
                    if (Contains(property.Value))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Null || Contains(item))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static void Collect(JsonElement node, string path, List<SchemaViolation> violations)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in node.EnumerateObject())
                {
                    Collect(property.Value, FieldPath.Property(path, property.Name), violations);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in node.EnumerateArray())
                {
                    var itemPath = FieldPath.Index(path, index++);
                    if (item.ValueKind == JsonValueKind.Null)
                    {
                        violations.Add(new SchemaViolation(itemPath, "is null, which a list item cannot be"));
                    }
                    else
                    {
                        Collect(item, itemPath, violations);
                    }
                }

                break;
        }
    }
}
