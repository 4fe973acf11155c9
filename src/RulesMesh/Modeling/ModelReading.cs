using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RulesMesh.Modeling;

/// <summary>
/// What generated model readers share: reading a document with them, the scalars they read inline, lists and
/// dictionaries, and handing a value to the serializer. Every method reads as System.Text.Json's reflection
/// deserializer does and fails with its words (<see cref="ModelReadException"/>).
/// </summary>
public static class ModelReading
{
    // The Source System.Text.Json gives the reader's exceptions that the serializer turns into "could not be converted".
    private const string RethrowableSource = "System.Text.Json.Rethrowable";

    /// <summary>
    /// Reads <paramref name="element"/> with a generated reader; with the serializer when <paramref name="options"/>
    /// change what a generated reader assumes (see <see cref="ReadsAsGenerated"/>). Failures are the serializer's:
    /// a <see cref="JsonException"/> or <see cref="NotSupportedException"/> with its message and JSON path.
    /// </summary>
    public static T? Read<T>(JsonElement element, JsonSerializerOptions options, StringPool strings, ModelRead<T> read)
        => ReadsAsGenerated(options) ? ReadGenerated(JsonMarshal.GetRawUtf8Value(element), options, strings, read) : element.Deserialize<T>(options);

    /// <summary>
    /// Reads the UTF-8 JSON document <paramref name="utf8Json"/> as <see cref="Read{T}(JsonElement, JsonSerializerOptions, StringPool, ModelRead{T})"/>
    /// reads its parsed element, with the same result and the same failures.
    /// </summary>
    public static T? Read<T>(ReadOnlySpan<byte> utf8Json, JsonSerializerOptions options, StringPool strings, ModelRead<T> read)
        => ReadsAsGenerated(options) ? ReadGenerated(utf8Json, options, strings, read) : JsonSerializer.Deserialize<T>(utf8Json, options);

    private static T? ReadGenerated<T>(ReadOnlySpan<byte> utf8Json, JsonSerializerOptions options, StringPool strings, ModelRead<T> read)
    {
        var reader = new Utf8JsonReader(
            utf8Json,
            new JsonReaderOptions { MaxDepth = options.MaxDepth, CommentHandling = options.ReadCommentHandling, AllowTrailingCommas = options.AllowTrailingCommas });
        try
        {
            reader.Read();
            return read(ref reader, options, strings);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            var failure = ModelReadException.From(exception);
            var path = failure.JsonPath;
            var message = failure.Verbatim ? failure.Reason : $"{failure.Reason} Path: {path} | LineNumber: 0 | BytePositionInLine: {reader.BytesConsumed}.";
            if (failure.NotSupported)
            {
                throw new NotSupportedException(message, failure.InnerException);
            }

            throw new JsonException(message, path, 0, reader.BytesConsumed, failure.InnerException);
        }
    }

    /// <summary>
    /// Whether <paramref name="options"/> read as generated readers do: names matched exactly, numbers only as numbers,
    /// unknown properties skipped, later duplicates winning, no references preserved, contracts as the attributes
    /// declare them, and no converter of their own for the scalars read inline.
    /// </summary>
    public static bool ReadsAsGenerated(JsonSerializerOptions options)
    {
        if (options.PropertyNameCaseInsensitive
            || options.NumberHandling != JsonNumberHandling.Strict
            || options.UnmappedMemberHandling != JsonUnmappedMemberHandling.Skip
            || options.PreferredObjectCreationHandling != JsonObjectCreationHandling.Replace
            || options.RespectNullableAnnotations
            || !options.AllowDuplicateProperties
            || options.ReferenceHandler is not null
            || !ContractsFromAttributes(options))
        {
            return false;
        }

        foreach (var converter in options.Converters)
        {
            if (converter.CanConvert(typeof(string)) || converter.CanConvert(typeof(bool)) || converter.CanConvert(typeof(int))
                || converter.CanConvert(typeof(uint)) || converter.CanConvert(typeof(long)) || converter.CanConvert(typeof(double))
                || converter.CanConvert(typeof(JsonElement)))
            {
                return false;
            }
        }

        return true;
    }

    // Contracts as the attributes declare them: from System.Text.Json's own reflection resolver with no modifiers (which
    // may rename, add or drop properties), or from a source-generated context (KubernetesClient's options put its own
    // first); none until options are first used, when the reflection resolver is filled in.
    private static bool ContractsFromAttributes(JsonSerializerOptions options)
    {
        foreach (var resolver in options.TypeInfoResolverChain)
        {
            if (resolver is not JsonSerializerContext
                && !(resolver.GetType() == typeof(DefaultJsonTypeInfoResolver) && ((DefaultJsonTypeInfoResolver)resolver).Modifiers.Count == 0))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Fails unless the reader is on the start of an object, as the serializer does for a <paramref name="type"/>.</summary>
    public static void ExpectObject(ref Utf8JsonReader reader, Type type)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw ModelReadException.CannotConvert(type);
        }
    }

    /// <summary>
    /// Moves to the next property of the object being read: <paramref name="utf8Name"/> is its unescaped name and the
    /// reader is left on its value. False at the end of the object.
    /// </summary>
    public static bool NextProperty(ref Utf8JsonReader reader, out ReadOnlySpan<byte> utf8Name)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            utf8Name = default;
            return false;
        }

        utf8Name = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        reader.Read();
        return true;
    }

    /// <summary>
    /// Skips the value of a property the model does not know (the reader is on it), as the serializer does, noting in
    /// <paramref name="strings"/> that it did and where (see <see cref="StringPool.SkippedUnknown"/>): the loader warns
    /// about such fields.
    /// </summary>
    public static void SkipUnknown(ref Utf8JsonReader reader, StringPool strings)
    {
        strings.NoteSkipped(reader.TokenStartIndex);
        reader.Skip();
    }

    /// <summary>A string, or null; a short one is the pool's instance.</summary>
    public static string? ReadString(ref Utf8JsonReader reader, JsonSerializerOptions options, StringPool strings) => reader.TokenType switch
    {
        JsonTokenType.String => strings.Get(ref reader),
        JsonTokenType.Null => null,
        _ => throw ModelReadException.CannotConvert(typeof(string)),
    };

    /// <summary>A <c>bool</c>; null is refused.</summary>
    public static bool ReadBoolean(ref Utf8JsonReader reader, JsonSerializerOptions options, StringPool strings) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw ModelReadException.CannotConvert(typeof(bool)),
    };

    /// <summary>A <c>bool</c>, or null.</summary>
    public static bool? ReadNullableBoolean(ref Utf8JsonReader reader, JsonSerializerOptions options, StringPool strings) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        _ => throw ModelReadException.CannotConvert(typeof(bool?)),
    };

    /// <summary>An <c>int</c>: a JSON number without fraction or exponent in range; null is refused.</summary>
    public static int ReadInt32(ref Utf8JsonReader reader, JsonSerializerOptions options, StringPool strings)
        => reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : throw ModelReadException.CannotConvert(typeof(int));

    /// <summary>An <c>int</c>, or null.</summary>
    public static int? ReadNullableInt32(ref Utf8JsonReader reader, JsonSerializerOptions options, StringPool strings) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number when reader.TryGetInt32(out var value) => value,
        _ => throw ModelReadException.CannotConvert(typeof(int?)),
    };

    /// <summary>A <c>uint</c>: a JSON number without fraction or exponent in range; null is refused.</summary>
    public static uint ReadUInt32(ref Utf8JsonReader reader, JsonSerializerOptions options, StringPool strings)
        => reader.TokenType == JsonTokenType.Number && reader.TryGetUInt32(out var value) ? value : throw ModelReadException.CannotConvert(typeof(uint));

    /// <summary>A <c>uint</c>, or null.</summary>
    public static uint? ReadNullableUInt32(ref Utf8JsonReader reader, JsonSerializerOptions options, StringPool strings) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number when reader.TryGetUInt32(out var value) => value,
        _ => throw ModelReadException.CannotConvert(typeof(uint?)),
    };

    /// <summary>A <c>long</c>: a JSON number without fraction or exponent in range; null is refused.</summary>
    public static long ReadInt64(ref Utf8JsonReader reader, JsonSerializerOptions options, StringPool strings)
        => reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : throw ModelReadException.CannotConvert(typeof(long));

    /// <summary>A <c>long</c>, or null.</summary>
    public static long? ReadNullableInt64(ref Utf8JsonReader reader, JsonSerializerOptions options, StringPool strings) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number when reader.TryGetInt64(out var value) => value,
        _ => throw ModelReadException.CannotConvert(typeof(long?)),
    };

    /// <summary>A <c>double</c>; null is refused.</summary>
    public static double ReadDouble(ref Utf8JsonReader reader, JsonSerializerOptions options, StringPool strings)
        => reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) ? value : throw ModelReadException.CannotConvert(typeof(double));

    /// <summary>A <c>double</c>, or null.</summary>
    public static double? ReadNullableDouble(ref Utf8JsonReader reader, JsonSerializerOptions options, StringPool strings) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number when reader.TryGetDouble(out var value) => value,
        _ => throw ModelReadException.CannotConvert(typeof(double?)),
    };

    /// <summary>Any JSON value, copied out of the document; a JSON null is an element of kind <see cref="JsonValueKind.Null"/>.</summary>
    public static JsonElement ReadJsonElement(ref Utf8JsonReader reader, JsonSerializerOptions options, StringPool strings) => JsonElement.ParseValue(ref reader);

    /// <summary>Any JSON value copied out of the document, or null for a JSON null.</summary>
    public static JsonElement? ReadNullableJsonElement(ref Utf8JsonReader reader, JsonSerializerOptions options, StringPool strings)
        => reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);

    /// <summary>A wire enum: any string, known or not; anything else (null too) is refused in <see cref="WireEnumJsonConverter{T}"/>'s words.</summary>
    public static T ReadWireEnum<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, StringPool strings)
        where T : struct, IWireEnum<T>
        => reader.TokenType == JsonTokenType.String
            ? T.FromWire(strings.Get(ref reader))
            : throw NotAWireString<T>(reader.TokenType);

    /// <summary>The failure for a wire enum given something other than a string.</summary>
    public static JsonException NotAWireString<T>(JsonTokenType found)
        where T : struct, IWireEnum<T>
        => new($"Expected a string for {typeof(T).Name}, found {found}.");

    /// <summary>A wire enum, or null.</summary>
    public static T? ReadNullableWireEnum<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, StringPool strings)
        where T : struct, IWireEnum<T>
        => reader.TokenType == JsonTokenType.Null ? null : ReadWireEnum<T>(ref reader, options, strings);

    /// <summary>
    /// A property read by its own <c>[JsonConverter]</c>, as the serializer calls it: a JSON null is given to the
    /// converter only for a value type (or when it asks to handle null); a token the converter reads as the wrong kind
    /// is refused naming <paramref name="declaredType"/>.
    /// </summary>
    public static T? ReadConverted<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, JsonConverter<T> converter, Type declaredType)
    {
        if (reader.TokenType == JsonTokenType.Null && default(T) is null && !converter.HandleNull)
        {
            return default;
        }

        return Convert(ref reader, options, converter, declaredType);
    }

    /// <summary>A nullable value type's property read by its own converter of the underlying type: a JSON null is null, as the serializer wraps such converters.</summary>
    public static T? ReadNullableConverted<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, JsonConverter<T> converter, Type declaredType)
        where T : struct
        => reader.TokenType == JsonTokenType.Null ? null : Convert(ref reader, options, converter, declaredType);

    /// <summary>
    /// A value of a type the serializer reads with a converter it finds for the type (in the options, or named on the
    /// type: KubernetesClient's dates, int-or-strings and quantities), called as the serializer calls it.
    /// </summary>
    public static T? ReadWithConverter<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, StringPool strings)
        => ReadConverted(ref reader, options, (JsonConverter<T>)options.GetConverter(typeof(T)), typeof(T));

    // The reader's own refusals (GetString on a number) are marked for the serializer to report as a failed conversion;
    // a converter's refusal of a kind of value is reported naming the type, as the serializer names it.
    private static T Convert<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, JsonConverter<T> converter, Type declaredType)
    {
        try
        {
            return converter.Read(ref reader, typeof(T), options)!;
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException && exception.Source == RethrowableSource)
        {
            throw ModelReadException.CannotConvert(declaredType);
        }
        catch (NotSupportedException exception) when (!exception.Message.Contains(declaredType.ToString(), StringComparison.Ordinal))
        {
            var words = exception.Message.Length == 0 ? string.Empty : exception.Message + " ";
            throw new NotSupportedException($"{words}The unsupported member type is located on type '{declaredType}'.", exception);
        }
    }

    /// <summary>
    /// Keeps an unknown property in a <c>[JsonExtensionData]</c> dictionary, created on the first one; a later
    /// duplicate replaces an earlier one, as the serializer does.
    /// </summary>
    public static Dictionary<string, JsonElement> AddExtensionData(ref Utf8JsonReader reader, Dictionary<string, JsonElement>? extensionData, scoped ReadOnlySpan<byte> utf8Name)
    {
        extensionData ??= [];
        extensionData[Encoding.UTF8.GetString(utf8Name)] = JsonElement.ParseValue(ref reader);
        return extensionData;
    }

    /// <summary>A list, or null; <paramref name="declaredType"/> (the property's type) names it when the value is no list.</summary>
    public static List<T?>? ReadList<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, StringPool strings, ModelRead<T> readItem, Type declaredType)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw ModelReadException.CannotConvert(declaredType);
        }

        var list = new List<T?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            try
            {
                list.Add(readItem(ref reader, options, strings));
            }
            catch (Exception exception) when (exception is JsonException or NotSupportedException)
            {
                throw ModelReadException.From(exception).AtIndex(list.Count);
            }
        }

        return list;
    }

    /// <summary>A dictionary keyed by property name (a later duplicate wins; keys from the pool), or null; <paramref name="declaredType"/> names it when the value is no mapping.</summary>
    public static Dictionary<string, T?>? ReadDictionary<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, StringPool strings, ModelRead<T> readValue, Type declaredType)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw ModelReadException.CannotConvert(declaredType);
        }

        var dictionary = new Dictionary<string, T?>();
        while (NextProperty(ref reader, out var utf8Key))
        {
            var key = strings.Get(utf8Key);
            try
            {
                dictionary[key] = readValue(ref reader, options, strings);
            }
            catch (Exception exception) when (exception is JsonException or NotSupportedException)
            {
                throw ModelReadException.From(exception).InProperty(key);
            }
        }

        return dictionary;
    }

    /// <summary>A value the generated readers leave to the serializer: of a type they do not model (an array, <c>object</c>, a type its attributes change).</summary>
    public static T? ReadWithSerializer<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, StringPool strings)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(ref reader, options);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            throw ModelReadException.From(exception);
        }
    }
}
