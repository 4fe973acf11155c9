using System.Text.Json;
using k8s;
using k8s.Models;
using RulesMesh.Modeling;

namespace RulesMesh.Loading;

/// <summary>
/// Loads a document straight from its JSON, with no parsed tree, when its kind needs none: a kind with no schema (the
/// core kinds) whose model reads UTF-8 JSON itself (<see cref="ModelDescriptor.DeserializeUtf8"/>). The JSON's top
/// level gives apiVersion and kind, a search of its bytes rules out null list items, the typed object is read from the
/// same bytes and its metadata checked (<see cref="ObjectMetadataValidator.Accepts"/>). Only a document that passes
/// every check, and has no field its model does not know (<see cref="StringPool.SkippedUnknown"/>), is loaded here. Any other (one the loader would refuse, an unknown kind, anything unusual) is left to the parsed tree, which
/// gives every error its words, line and field path.
/// </summary>
internal static class TreeFreeReading
{
    /// <summary>
    /// The typed object of <paramref name="json"/> and its model when the document loads without a tree and passes
    /// every check the tree would make; null when the tree must decide. Two things are the caller's to ensure, as the
    /// loader does: <paramref name="json"/> has no duplicate keys (the fast YAML readers refuse them; the tree reads the
    /// last apiVersion and kind, this the first), and the generated readers honour <paramref name="options"/>
    /// (<see cref="ModelReading.ReadsAsGenerated"/>; the serializer may read what the tree refuses).
    /// </summary>
    public static IKubernetesObject<V1ObjectMeta>? TryRead(
        ReadOnlySpan<byte> json, int maxDepth, ModelRegistry registry, JsonSerializerOptions options, StringPool strings, out ModelDescriptor? model)
    {
        model = null;
        if (!TryFindKind(json, maxDepth, out var apiVersion, out var kind)
            || !registry.TryGet(strings.Get(json[apiVersion]), strings.Get(json[kind]), out var found)
            || found.SchemaJson is not null
            || found.DeserializeUtf8 is not { } read
            || MayHoldNullListItem(json))
        {
            return null;
        }

        IKubernetesObject<V1ObjectMeta>? typed;
        try
        {
            strings.ForgetSkipped();
            typed = read(json, options, strings);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or FormatException or OverflowException or InvalidOperationException or ArgumentException)
        {
            // The tree path reads it again to report the failure in its words.
            return null;
        }

        // A field the model does not know is warned about, at its line: the tree finds which and where.
        if (typed is null || strings.SkippedUnknown || !ObjectMetadataValidator.Accepts(found, typed))
        {
            return null;
        }

        model = found;
        return typed;
    }

    /// <summary>
    /// Whether <paramref name="json"/> is a mapping whose apiVersion and kind are plain non-empty strings, found at
    /// <paramref name="apiVersion"/> and <paramref name="kind"/>. Only the top level is read, and only until both are
    /// found (they are nearly always the first two fields): right only for JSON with no duplicate keys.
    /// </summary>
    private static bool TryFindKind(ReadOnlySpan<byte> json, int maxDepth, out Range apiVersion, out Range kind)
    {
        apiVersion = default;
        kind = default;
        var foundApiVersion = false;
        var foundKind = false;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (!(foundApiVersion && foundKind) && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("apiVersion"u8))
                {
                    if (foundApiVersion || !TryReadPlainString(ref reader, out apiVersion))
                    {
                        return false;
                    }

                    foundApiVersion = true;
                }
                else if (reader.ValueTextEquals("kind"u8))
                {
                    if (foundKind || !TryReadPlainString(ref reader, out kind))
                    {
                        return false;
                    }

                    foundKind = true;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return foundApiVersion && foundKind;
    }

    // A property's value when it is a non-empty string without escapes: its bytes are the text.
    private static bool TryReadPlainString(ref Utf8JsonReader reader, out Range value)
    {
        reader.Read();
        var start = (int)reader.TokenStartIndex + 1;
        value = start..(start + reader.ValueSpan.Length);
        return reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length > 0;
    }

    /// <summary>
    /// Whether a list of <paramref name="json"/> (a mapping) might hold a null: a list item follows a '[' or a ',', and a
    /// mapping's value a ':', so a <c>null</c> after neither is no item. Text inside a string may look like one; that
    /// only sends the document to the tree.
    /// </summary>
    private static bool MayHoldNullListItem(ReadOnlySpan<byte> json)
    {
        var offset = 0;
        while (json[offset..].IndexOf("null"u8) is var found and >= 0)
        {
            var at = offset + found;
            var before = json[..at].TrimEnd(" \t\r\n"u8);
            if (before.Length > 0 && before[^1] is (byte)'[' or (byte)',')
            {
                return true;
            }

            offset = at + 4;
        }

        return false;
    }
}
