using System.Globalization;
using System.Text.Json;

namespace RulesMesh.Loading;

/// <summary>
/// Builds and parses field paths such as <c>spec.ports[0].targetPort</c> or
/// <c>metadata.labels['app.kubernetes.io/name']</c>. The notation is System.Text.Json's
/// <see cref="System.Text.Json.JsonException.Path"/> without the leading <c>$</c>, so a
/// deserialization error maps straight onto the source map. The document root is the empty path.
/// </summary>
public static class FieldPath
{
    /// <summary>The path of the document root.</summary>
    public const string Root = "";

    /// <summary>The path of member <paramref name="name"/> of the object at <paramref name="parent"/>.</summary>
    public static string Property(string parent, string name)
    {
        if (IsPlainName(name))
        {
            return parent.Length == 0 ? name : parent + "." + name;
        }

        return parent + "['" + name + "']";
    }

    /// <summary>The path of item <paramref name="index"/> of the array at <paramref name="parent"/>.</summary>
    public static string Index(string parent, int index)
        => parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>Converts a System.Text.Json path (<c>$.spec.ports[0]</c>) to a field path (<c>spec.ports[0]</c>).</summary>
    public static string FromJsonPath(string jsonPath) => Ancestors(jsonPath)[^1];

    /// <summary>
    /// The path itself and every enclosing path, from the root to the path itself.
    /// Accepts both field paths and System.Text.Json paths.
    /// </summary>
    public static IReadOnlyList<string> Ancestors(string path)
    {
        var paths = new List<string> { Root };
        var current = Root;
        var position = path.StartsWith('$') ? 1 : 0;
        while (position < path.Length)
        {
            if (path[position] == '.')
            {
                position++;
            }

            if (position >= path.Length)
            {
                break;
            }

            if (path.AsSpan(position).StartsWith("['"))
            {
                // Names are not escaped inside ['...'] (System.Text.Json does not escape them either),
                // so the name ends at the first "']" that is followed by another segment or the end.
                var end = QuotedNameEnd(path, position + 2);
                current = Property(current, path[(position + 2)..end]);
                position = end + 2;
            }
            else if (path[position] == '[')
            {
                var end = path.IndexOf(']', position);
                if (end < 0 || !int.TryParse(path.AsSpan(position + 1, end - position - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    break;
                }

                current = Index(current, index);
                position = end + 1;
            }
            else
            {
                var end = path.IndexOfAny(['.', '['], position);
                end = end < 0 ? path.Length : end;
                current = Property(current, path[position..end]);
                position = end;
            }

            paths.Add(current);
        }

        return paths;
    }

    /// <summary>The value at <paramref name="path"/> in <paramref name="root"/>, or null when there is none.</summary>
    internal static JsonElement? ValueAt(JsonElement root, string path)
    {
        var ancestors = Ancestors(path);
        var element = root;
        for (var step = 1; step < ancestors.Count; step++)
        {
            JsonElement? next = null;
            if (element.ValueKind == JsonValueKind.Object)
            {
                next = element.EnumerateObject().Where(p => Property(ancestors[step - 1], p.Name) == ancestors[step]).Select(static p => (JsonElement?)p.Value).FirstOrDefault();
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                next = element.EnumerateArray().Select(static (item, index) => (item, index)).Where(e => Index(ancestors[step - 1], e.index) == ancestors[step]).Select(static e => (JsonElement?)e.item).FirstOrDefault();
            }

            if (next is not { } found)
            {
                return null;
            }

            element = found;
        }

        return element;
    }

    private static int QuotedNameEnd(string path, int nameStart)
    {
        var end = path.IndexOf("']", nameStart, StringComparison.Ordinal);
        while (end >= 0 && end + 2 < path.Length && path[end + 2] is not ('.' or '['))
        {
            end = path.IndexOf("']", end + 1, StringComparison.Ordinal);
        }

        return end < 0 ? path.Length : end;
    }

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '@'))
            {
                return false;
            }
        }

        return true;
    }
}
