using System.Text.Json;

namespace RulesMesh.Loading.CelLanguage;

/// <summary>
/// A CEL value while a compiled rule runs. Strings, lists and maps that come from the manifest stay
/// <see cref="JsonElement"/>s read in place, with the schema that gives their defaults, so evaluating a rule builds no
/// dictionaries or lists of the document. Maps read as the API server shows them to rules: null properties are absent,
/// schema defaults are present, and keys are escaped CEL names.
/// </summary>
internal readonly struct CelRuntimeValue
{
    private readonly long integer;
    private readonly double number;
    private readonly object? reference;
    private readonly JsonElement element;

    private CelRuntimeValue(CelValueKind kind, long integer = 0, double number = 0, object? reference = null, JsonElement element = default)
    {
        Kind = kind;
        this.integer = integer;
        this.number = number;
        this.reference = reference;
        this.element = element;
    }

    /// <summary><c>null</c>.</summary>
    public static CelRuntimeValue Null => default;

    /// <summary><c>true</c>.</summary>
    public static CelRuntimeValue True { get; } = new(CelValueKind.Bool, integer: 1);

    /// <summary><c>false</c>.</summary>
    public static CelRuntimeValue False { get; } = new(CelValueKind.Bool, integer: 0);

    /// <summary>The value's CEL type.</summary>
    public CelValueKind Kind { get; }

    /// <summary>The value as a bool; an evaluation error when it is not one.</summary>
    public bool AsBool => Kind == CelValueKind.Bool ? integer != 0 : throw NoOverload("a bool");

    /// <summary>The value as an int; an evaluation error when it is not one.</summary>
    public long AsInt => Kind == CelValueKind.Int ? integer : throw NoOverload("an int");

    /// <summary>The value as a double; an evaluation error when it is not one.</summary>
    public double AsDouble => Kind == CelValueKind.Double ? number : throw NoOverload("a double");

    /// <summary>A duration's length in nanoseconds; an evaluation error when it is not a duration.</summary>
    public decimal DurationNanoseconds => Kind == CelValueKind.Duration ? (decimal)reference! : throw NoOverload("a duration");

    /// <summary>The value as a quantity; an evaluation error when it is not one.</summary>
    public CelQuantity AsQuantity => Kind == CelValueKind.Quantity ? (CelQuantity)reference! : throw NoOverload("a quantity");

    /// <summary>The value as a URL; an evaluation error when it is not one.</summary>
    public Uri AsUrl => Kind == CelValueKind.Url ? (Uri)reference! : throw NoOverload("a URL");

    /// <summary>The name of a type value (<c>int</c>, <c>string</c>).</summary>
    public string TypeName => Kind == CelValueKind.Type ? (string)reference! : throw NoOverload("a type");

    /// <summary>The number of items of a list, keys of a map or code points of a string.</summary>
    public long Size => Kind switch
    {
        CelValueKind.String => CelStrings.CodePoints(AsString()),
        CelValueKind.List when reference is IReadOnlyList<CelRuntimeValue> list => list.Count,
        CelValueKind.List => element.GetArrayLength(),
        CelValueKind.Map => MapSize(),
        _ => throw NoOverload("a string, list or map"),
    };

    /// <summary>An int.</summary>
    public static CelRuntimeValue Of(long value) => new(CelValueKind.Int, integer: value);

    /// <summary>A double.</summary>
    public static CelRuntimeValue Of(double value) => new(CelValueKind.Double, number: value);

    /// <summary>A bool.</summary>
    public static CelRuntimeValue Of(bool value) => value ? True : False;

    /// <summary>A string.</summary>
    public static CelRuntimeValue Of(string value) => new(CelValueKind.String, reference: value);

    /// <summary>A list built by the rule (a list literal, <c>filter</c>, <c>map</c>, <c>split</c>).</summary>
    public static CelRuntimeValue Of(IReadOnlyList<CelRuntimeValue> items) => new(CelValueKind.List, reference: items);

    /// <summary>A quantity.</summary>
    public static CelRuntimeValue Of(CelQuantity quantity) => new(CelValueKind.Quantity, reference: quantity);

    /// <summary>A URL.</summary>
    public static CelRuntimeValue Of(Uri url) => new(CelValueKind.Url, reference: url);

    /// <summary>A duration of <paramref name="nanoseconds"/>.</summary>
    public static CelRuntimeValue Duration(decimal nanoseconds) => new(CelValueKind.Duration, reference: nanoseconds);

    /// <summary>The type named <paramref name="name"/>.</summary>
    public static CelRuntimeValue Type(string name) => new(CelValueKind.Type, reference: name);

    /// <summary>The CEL value of <paramref name="json"/>, whose schema is <paramref name="schema"/>: integers are ints, other numbers doubles.</summary>
    public static CelRuntimeValue FromJson(JsonElement json, CelSchema schema) => json.ValueKind switch
    {
        JsonValueKind.Object => new(CelValueKind.Map, reference: schema, element: json),
        JsonValueKind.Array => new(CelValueKind.List, reference: schema.Items, element: json),
        JsonValueKind.String => new(CelValueKind.String, element: json),
        JsonValueKind.True => True,
        JsonValueKind.False => False,
        JsonValueKind.Number when json.TryGetInt64(out var value) => Of(value),
        JsonValueKind.Number => Of(json.GetDouble()),
        _ => Null,
    };

    /// <summary>The value as a string; an evaluation error when it is not one.</summary>
    public string AsString()
        => Kind != CelValueKind.String ? throw NoOverload("a string") : reference as string ?? element.GetString()!;

    /// <summary>The type of the value, as <c>type(x)</c> returns it.</summary>
    public CelRuntimeValue TypeOf() => Type(Kind switch
    {
        CelValueKind.Null => "null_type",
        CelValueKind.Bool => "bool",
        CelValueKind.Int => "int",
        CelValueKind.Double => "double",
        CelValueKind.String => "string",
        CelValueKind.List => "list",
        CelValueKind.Map => "map",
        CelValueKind.Duration => "google.protobuf.Duration",
        CelValueKind.Quantity => "kubernetes.Quantity",
        CelValueKind.Url => "kubernetes.URL",
        _ => "type",
    });

    /// <summary>The items of a list, or the keys of a map; an evaluation error for anything else.</summary>
    public CelItems Items() => Kind switch
    {
        CelValueKind.List when reference is IReadOnlyList<CelRuntimeValue> list => new CelItems(list),
        CelValueKind.List => new CelItems(element.EnumerateArray(), (CelSchema)reference!),
        CelValueKind.Map => new CelItems(element, (CelSchema)reference!),
        _ => throw NoOverload("a list or map"),
    };

    /// <summary>Item <paramref name="index"/> of a list; an evaluation error when out of range.</summary>
    public CelRuntimeValue ItemAt(long index)
    {
        if (Kind != CelValueKind.List)
        {
            throw NoOverload("a list");
        }

        if (index < 0 || index >= Size)
        {
            throw new CelEvaluationException($"index {index} out of range");
        }

        return reference is IReadOnlyList<CelRuntimeValue> list ? list[(int)index] : FromJson(element[(int)index], (CelSchema)reference!);
    }

    /// <summary>
    /// The map's value for the key a rule wrote, <paramref name="key"/>: escaped for an object (its schema declares
    /// properties), as written for a map. False when there is none.
    /// </summary>
    public bool TryGetKey(string key, out CelRuntimeValue value)
    {
        if (Kind != CelValueKind.Map)
        {
            throw NoOverload("a map");
        }

        var name = ((CelSchema)reference!).IsObject ? CelPropertyNames.Unescape(key) : key;
        if (name is null)
        {
            value = Null;
            return false;
        }

        return TryGetField(name, out value);
    }

    /// <summary><see cref="TryGetKey(string, out CelRuntimeValue)"/> for a field the rule names, prepared when it was compiled.</summary>
    public bool TryGetKey(CelFieldName field, out CelRuntimeValue value)
    {
        if (Kind != CelValueKind.Map)
        {
            throw NoOverload("a map");
        }

        var schema = (CelSchema)reference!;
        var isObject = schema.IsObject;
        var name = isObject ? field.Unescaped : field.Key;
        if (name is null)
        {
            value = Null;
            return false;
        }

        if (element.TryGetProperty(isObject ? field.UnescapedUtf8 : field.KeyUtf8, out var property) && property.ValueKind != JsonValueKind.Null)
        {
            value = FromJson(property, field.PropertyOf(schema, name));
            return true;
        }

        return TryGetDefault(schema, name, out value);
    }

    /// <summary>
    /// The map's value for the property <paramref name="name"/> (unescaped): its JSON value when set and not null, else
    /// the schema's default. False when neither; an evaluation error when this is not a map.
    /// </summary>
    public bool TryGetField(string name, out CelRuntimeValue value)
    {
        if (Kind != CelValueKind.Map)
        {
            throw NoOverload("a map");
        }

        var schema = (CelSchema)reference!;
        if (element.TryGetProperty(name, out var property) && property.ValueKind != JsonValueKind.Null)
        {
            value = FromJson(property, schema.Property(name));
            return true;
        }

        return TryGetDefault(schema, name, out value);
    }

    private static bool TryGetDefault(CelSchema schema, string name, out CelRuntimeValue value)
    {
        if (schema.DefaultOf(name) is { } fallback)
        {
            value = FromJson(fallback.Value, fallback.Schema);
            return true;
        }

        value = Null;
        return false;
    }

    /// <summary>CEL's <c>==</c>: values of different types are not equal; quantities and URLs have no equality.</summary>
    public bool EqualTo(CelRuntimeValue other)
    {
        if (Kind is CelValueKind.Quantity or CelValueKind.Url || other.Kind is CelValueKind.Quantity or CelValueKind.Url)
        {
            throw new CelEvaluationException("no == for quantities or URLs");
        }

        if (IsNumber && other.IsNumber)
        {
            return CompareNumbers(other) == 0;
        }

        if (Kind != other.Kind)
        {
            return false;
        }

        return Kind switch
        {
            CelValueKind.Null => true,
            CelValueKind.Bool => integer == other.integer,
            CelValueKind.String => StringEquals(other),
            CelValueKind.Duration => DurationNanoseconds == other.DurationNanoseconds,
            CelValueKind.Type => TypeName == other.TypeName,
            CelValueKind.List => ListEquals(other),
            _ => MapEquals(other),
        };
    }

    /// <summary>CEL's ordering (<c>&lt;</c>, <c>&gt;=</c>): numbers, strings, bools and durations; an evaluation error otherwise.</summary>
    public int CompareTo(CelRuntimeValue other)
    {
        if (IsNumber && other.IsNumber)
        {
            return CompareNumbers(other);
        }

        if (Kind != other.Kind)
        {
            throw new CelEvaluationException($"no ordering between {Kind} and {other.Kind}");
        }

        return Kind switch
        {
            CelValueKind.String => Math.Sign(string.CompareOrdinal(AsString(), other.AsString())),
            CelValueKind.Bool => integer.CompareTo(other.integer),
            CelValueKind.Duration => DurationNanoseconds.CompareTo(other.DurationNanoseconds),
            _ => throw new CelEvaluationException($"no ordering of {Kind}"),
        };
    }

    /// <summary>The value as a .NET string for messages and <c>string()</c>, as CEL prints it.</summary>
    public override string ToString() => Kind switch
    {
        CelValueKind.String => AsString(),
        _ => CelConversions.ToText(this),
    };

    private bool IsNumber => Kind is CelValueKind.Int or CelValueKind.Double;

    private int CompareNumbers(CelRuntimeValue other)
    {
        if (Kind == CelValueKind.Int && other.Kind == CelValueKind.Int)
        {
            return integer.CompareTo(other.integer);
        }

        var left = Kind == CelValueKind.Int ? integer : number;
        var right = other.Kind == CelValueKind.Int ? other.integer : other.number;
        return double.IsNaN(left) || double.IsNaN(right) ? throw new CelEvaluationException("NaN has no ordering") : left.CompareTo(right);
    }

    private bool StringEquals(CelRuntimeValue other)
    {
        if (reference is string text)
        {
            return other.reference is string otherText ? text == otherText : other.element.ValueEquals(text);
        }

        return other.reference is string otherString ? element.ValueEquals(otherString) : element.ValueEquals(other.AsString());
    }

    private bool ListEquals(CelRuntimeValue other)
    {
        if (Size != other.Size)
        {
            return false;
        }

        for (var i = 0; i < Size; i++)
        {
            if (!ItemAt(i).EqualTo(other.ItemAt(i)))
            {
                return false;
            }
        }

        return true;
    }

    private bool MapEquals(CelRuntimeValue other)
    {
        if (Size != other.Size)
        {
            return false;
        }

        foreach (var key in Items())
        {
            if (!TryGetKey(key.AsString(), out var mine) || !other.TryGetKey(key.AsString(), out var theirs) || !mine.EqualTo(theirs))
            {
                return false;
            }
        }

        return true;
    }

    private long MapSize()
    {
        var size = 0L;
        foreach (var _ in Items())
        {
            size++;
        }

        return size;
    }

    private CelEvaluationException NoOverload(string expected) => new($"expected {expected}, found {Kind}");
}
