using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RulesMesh.Modeling;

/// <summary>
/// What generated model readers share: reading a document with them, the scalars they read inline, lists and
/// dictionaries, and handing a value to the serializer. Every method reads as System.Text.Json's reflection
/// deserializer does and fails with its words (<see cref="ModelReadException"/>).
/// </summary>
public static class ModelReading
{
    /// <summary>
    /// Reads <paramref name="element"/> with a generated reader; with the serializer when <paramref name="options"/>
    /// change what a generated reader assumes (see <see cref="ReadsAsGenerated"/>). Failures are the serializer's:
    /// a <see cref="JsonException"/> or <see cref="NotSupportedException"/> with its message and JSON path.
    /// </summary>
    public static T? Read<T>(JsonElement element, JsonSerializerOptions options, ModelRead<T> read)
    {
        if (!ReadsAsGenerated(options))
        {
            return element.Deserialize<T>(options);
        }

        var reader = new Utf8JsonReader(
            JsonMarshal.GetRawUtf8Value(element),
            new JsonReaderOptions { MaxDepth = options.MaxDepth, CommentHandling = options.ReadCommentHandling, AllowTrailingCommas = options.AllowTrailingCommas });
        try
        {
            reader.Read();
            return read(ref reader, options);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            var failure = ModelReadException.From(exception);
            var path = failure.JsonPath;
            var message = $"{failure.Reason} Path: {path} | LineNumber: 0 | BytePositionInLine: {reader.BytesConsumed}.";
            if (failure.NotSupported)
            {
                throw new NotSupportedException(message, failure.InnerException);
            }

            throw new JsonException(message, path, 0, reader.BytesConsumed, failure.InnerException);
        }
    }

    /// <summary>
    /// Whether <paramref name="options"/> read as generated readers do: names matched exactly, numbers only as numbers,
    /// unknown properties skipped, later duplicates winning, and no converter of their own for the scalars read inline.
    /// </summary>
    public static bool ReadsAsGenerated(JsonSerializerOptions options)
    {
        if (options.PropertyNameCaseInsensitive
            || options.NumberHandling != JsonNumberHandling.Strict
            || options.UnmappedMemberHandling != JsonUnmappedMemberHandling.Skip
            || options.PreferredObjectCreationHandling != JsonObjectCreationHandling.Replace
            || options.RespectNullableAnnotations
            || !options.AllowDuplicateProperties)
        {
            return false;
        }

        foreach (var converter in options.Converters)
        {
            if (converter.CanConvert(typeof(string)) || converter.CanConvert(typeof(bool)) || converter.CanConvert(typeof(int))
                || converter.CanConvert(typeof(long)) || converter.CanConvert(typeof(double)))
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

    /// <summary>A string, or null.</summary>
    public static string? ReadString(ref Utf8JsonReader reader, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw ModelReadException.CannotConvert(typeof(string)),
    };

    /// <summary>A <c>bool</c>; null is refused.</summary>
    public static bool ReadBoolean(ref Utf8JsonReader reader, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw ModelReadException.CannotConvert(typeof(bool)),
    };

    /// <summary>A <c>bool</c>, or null.</summary>
    public static bool? ReadNullableBoolean(ref Utf8JsonReader reader, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        _ => throw ModelReadException.CannotConvert(typeof(bool?)),
    };

    /// <summary>An <c>int</c>: a JSON number without fraction or exponent in range; null is refused.</summary>
    public static int ReadInt32(ref Utf8JsonReader reader, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : throw ModelReadException.CannotConvert(typeof(int));

    /// <summary>An <c>int</c>, or null.</summary>
    public static int? ReadNullableInt32(ref Utf8JsonReader reader, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number when reader.TryGetInt32(out var value) => value,
        _ => throw ModelReadException.CannotConvert(typeof(int?)),
    };

    /// <summary>A <c>long</c>: a JSON number without fraction or exponent in range; null is refused.</summary>
    public static long ReadInt64(ref Utf8JsonReader reader, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : throw ModelReadException.CannotConvert(typeof(long));

    /// <summary>A <c>long</c>, or null.</summary>
    public static long? ReadNullableInt64(ref Utf8JsonReader reader, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number when reader.TryGetInt64(out var value) => value,
        _ => throw ModelReadException.CannotConvert(typeof(long?)),
    };

    /// <summary>A <c>double</c>; null is refused.</summary>
    public static double ReadDouble(ref Utf8JsonReader reader, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) ? value : throw ModelReadException.CannotConvert(typeof(double));

    /// <summary>A <c>double</c>, or null.</summary>
    public static double? ReadNullableDouble(ref Utf8JsonReader reader, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number when reader.TryGetDouble(out var value) => value,
        _ => throw ModelReadException.CannotConvert(typeof(double?)),
    };

    /// <summary>A list, or null; <paramref name="declaredType"/> (the property's type) names it when the value is no list.</summary>
    public static List<T?>? ReadList<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, ModelRead<T> readItem, Type declaredType)
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
                list.Add(readItem(ref reader, options));
            }
            catch (Exception exception) when (exception is JsonException or NotSupportedException)
            {
                throw ModelReadException.From(exception).AtIndex(list.Count);
            }
        }

        return list;
    }

    /// <summary>A dictionary keyed by property name (a later duplicate wins), or null; <paramref name="declaredType"/> names it when the value is no mapping.</summary>
    public static Dictionary<string, T?>? ReadDictionary<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, ModelRead<T> readValue, Type declaredType)
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
            var key = Encoding.UTF8.GetString(utf8Key);
            try
            {
                dictionary[key] = readValue(ref reader, options);
            }
            catch (Exception exception) when (exception is JsonException or NotSupportedException)
            {
                throw ModelReadException.From(exception).InProperty(key);
            }
        }

        return dictionary;
    }

    /// <summary>A value the generated readers leave to the serializer: one with a converter, or a type they do not model.</summary>
    public static T? ReadWithSerializer<T>(ref Utf8JsonReader reader, JsonSerializerOptions options)
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
