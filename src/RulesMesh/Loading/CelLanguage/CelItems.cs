using System.Text.Json;

namespace RulesMesh.Loading.CelLanguage;

/// <summary>
/// The items of a list or the keys of a map, enumerated without copying: a list built by the rule, a JSON array, or a
/// JSON object's set properties followed by the defaulted ones it lacks (escaped when the schema declares properties,
/// as written for a map).
/// </summary>
internal struct CelItems
{
    private readonly IReadOnlyList<CelRuntimeValue>? list;
    private readonly CelSchema? schema;
    private readonly JsonElement map;
    private readonly bool isArray;
    private JsonElement.ArrayEnumerator array;
    private JsonElement.ObjectEnumerator properties;
    private int index;
    private bool inDefaults;

    /// <summary>The items of a list built by the rule.</summary>
    public CelItems(IReadOnlyList<CelRuntimeValue> list)
    {
        this.list = list;
        index = -1;
    }

    /// <summary>The items of a JSON array whose items have <paramref name="itemSchema"/>.</summary>
    public CelItems(JsonElement.ArrayEnumerator array, CelSchema itemSchema)
    {
        this.array = array;
        schema = itemSchema;
        isArray = true;
        index = -1;
    }

    /// <summary>The keys of JSON object <paramref name="map"/>, whose schema is <paramref name="objectSchema"/>.</summary>
    public CelItems(JsonElement map, CelSchema objectSchema)
    {
        this.map = map;
        properties = map.EnumerateObject();
        schema = objectSchema;
        index = -1;
    }

    /// <summary>The current item or key.</summary>
    public CelRuntimeValue Current { get; private set; }

    /// <summary>This enumerator, for <c>foreach</c>.</summary>
    public readonly CelItems GetEnumerator() => this;

    /// <summary>Moves to the next item or key.</summary>
    public bool MoveNext()
    {
        if (list is not null)
        {
            if (++index >= list.Count)
            {
                return false;
            }

            Current = list[index];
            return true;
        }

        if (isArray)
        {
            if (!array.MoveNext())
            {
                return false;
            }

            Current = CelRuntimeValue.FromJson(array.Current, schema!);
            return true;
        }

        return MoveToNextKey();
    }

    private bool MoveToNextKey()
    {
        while (!inDefaults && properties.MoveNext())
        {
            if (properties.Current.Value.ValueKind != JsonValueKind.Null)
            {
                Current = CelRuntimeValue.Of(KeyOf(properties.Current.Name));
                return true;
            }
        }

        inDefaults = true;
        var defaults = schema!.Defaults;
        while (++index < defaults.Length)
        {
            if (!IsSet(defaults[index].Name))
            {
                Current = CelRuntimeValue.Of(KeyOf(defaults[index].Name));
                return true;
            }
        }

        return false;
    }

    private readonly string KeyOf(string name) => schema!.IsObject ? CelPropertyNames.Escape(name) : name;

    private readonly bool IsSet(string name) => map.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
}
