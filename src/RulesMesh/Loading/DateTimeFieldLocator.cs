using System.Text.Json;

namespace RulesMesh.Loading;

/// <summary>
/// Finds the field a date-time KubernetesClient could not read was written at: its converter names the text, not the
/// field. The text is looked for first at fields named as Kubernetes names its date-times (creationTimestamp,
/// startTime, lastTransitionTime, startedAt), so that the same text in a label or an annotation is not taken for it.
/// </summary>
internal static class DateTimeFieldLocator
{
    /// <summary>The path of the field below <paramref name="manifest"/> holding the string <paramref name="text"/>; null when none does.</summary>
    public static string? PathOf(JsonElement manifest, string text)
        => Find(manifest, text, FieldPath.Root, onlyDateTimeNames: true) ?? Find(manifest, text, FieldPath.Root, onlyDateTimeNames: false);

    private static string? Find(JsonElement element, string text, string path, bool onlyDateTimeNames)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var childPath = FieldPath.Property(path, property.Name);
                    if (property.Value.ValueKind == JsonValueKind.String)
                    {
                        if (property.Value.ValueEquals(text) && (!onlyDateTimeNames || IsDateTimeName(property.Name)))
                        {
                            return childPath;
                        }
                    }
                    else if (Find(property.Value, text, childPath, onlyDateTimeNames) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var itemPath = FieldPath.Index(path, index++);
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        if (!onlyDateTimeNames && item.ValueEquals(text))
                        {
                            return itemPath;
                        }
                    }
                    else if (Find(item, text, itemPath, onlyDateTimeNames) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsDateTimeName(string name)
        => name.EndsWith("Time", StringComparison.Ordinal) || name.EndsWith("Timestamp", StringComparison.Ordinal) || name.EndsWith("At", StringComparison.Ordinal);
}
