using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RulesMesh.Loading;

/// <summary>
/// Reads the usual kind of manifest, nested mappings, lists and scalars, from the YAML parser's events straight to
/// JSON text: one pass, no node tree, no JSON tree, no table of positions. Whatever <see cref="ManifestReader"/> treats
/// specially is left to it: aliases and merge keys, several documents in one piece, a root that is not a mapping,
/// duplicate or non-scalar keys, scalars Kubernetes reads differently (YAML 1.1), nesting beyond the depth limit, and
/// every syntax error. The full reader then gives the result and the messages it always has.
/// </summary>
internal static class PlainDocumentReader
{
    private const string MergeKey = "<<";

    /// <summary>What a piece of a YAML stream held, as far as this reader can tell.</summary>
    public enum Outcome
    {
        /// <summary>One mapping document, written as JSON.</summary>
        Document,

        /// <summary>No document, or only empty (null) ones: nothing to load.</summary>
        Empty,

        /// <summary>Something this reader leaves to <see cref="ManifestReader"/>; nothing useful was written.</summary>
        NeedsFullReader,
    }

    /// <summary>Writes the document in <paramref name="text"/> to <paramref name="output"/> as JSON.</summary>
    /// <param name="text">One piece of a stream, as cut by <see cref="YamlDocumentSplitter"/>.</param>
    /// <param name="maxDepth">The most levels of mappings and lists allowed (<see cref="LoaderLimits.MaxDepth"/>).</param>
    /// <param name="output">Receives the JSON text when the outcome is <see cref="Outcome.Document"/>.</param>
    /// <param name="rootLine">The 1-based line, within <paramref name="text"/>, of the document's root mapping.</param>
    public static Outcome Read(string text, int maxDepth, IBufferWriter<byte> output, out int rootLine)
    {
        rootLine = 0;
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { MaxDepth = maxDepth + 2 });
        try
        {
            return Write(new Parser(new StringReader(text)), maxDepth, writer, ref rootLine);
        }
        catch (Exception exception) when (exception is YamlException or ArgumentException or InvalidOperationException)
        {
            // The full reader reports these with their positions and its own words. The JSON writer throws
            // InvalidOperationException too, for an event sequence that would not make valid JSON.
            return Outcome.NeedsFullReader;
        }
    }

    private static Outcome Write(Parser parser, int maxDepth, Utf8JsonWriter writer, ref int rootLine)
    {
        var documents = 0;
        var wroteDocument = false;

        // For each open collection: the keys seen so far when it is a mapping, null when it is a list.
        var open = new List<HashSet<string>?>();
        var expectingKey = false;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case DocumentStart:
                    if (++documents > 1)
                    {
                        return Outcome.NeedsFullReader;
                    }

                    break;
                case AnchorAlias:
                    return Outcome.NeedsFullReader;
                case MappingStart start:
                    if (expectingKey || open.Count >= maxDepth)
                    {
                        return Outcome.NeedsFullReader;
                    }

                    if (open.Count == 0)
                    {
                        rootLine = (int)start.Start.Line;
                        wroteDocument = true;
                    }

                    open.Add(new HashSet<string>(StringComparer.Ordinal));
                    expectingKey = true;
                    writer.WriteStartObject();
                    break;
                case SequenceStart:
                    if (expectingKey || open.Count == 0 || open.Count >= maxDepth)
                    {
                        return Outcome.NeedsFullReader;
                    }

                    open.Add(null);
                    writer.WriteStartArray();
                    break;
                case MappingEnd:
                    // A key without a value (" : x" reads so) is the full reader's to report.
                    if (!expectingKey)
                    {
                        return Outcome.NeedsFullReader;
                    }

                    open.RemoveAt(open.Count - 1);
                    writer.WriteEndObject();
                    expectingKey = open.Count > 0 && open[^1] is not null;
                    break;
                case SequenceEnd:
                    open.RemoveAt(open.Count - 1);
                    writer.WriteEndArray();
                    expectingKey = open.Count > 0 && open[^1] is not null;
                    break;
                case Scalar scalar when open.Count == 0:
                    // A root scalar is an empty document when it is null; anything else is the full reader's to report.
                    if (!IsNull(scalar))
                    {
                        return Outcome.NeedsFullReader;
                    }

                    break;
                case Scalar key when expectingKey:
                    if (!WriteKey(key, open[^1]!, writer))
                    {
                        return Outcome.NeedsFullReader;
                    }

                    expectingKey = false;
                    break;
                case Scalar value:
                    if (YamlScalarResolver.KubernetesReading(value.Value, value.Style, value.Tag) is not null)
                    {
                        return Outcome.NeedsFullReader;
                    }

                    WriteValue(YamlScalarResolver.Resolve(value), writer);
                    expectingKey = open[^1] is not null;
                    break;
            }
        }

        return wroteDocument ? Outcome.Document : Outcome.Empty;
    }

    private static bool IsNull(Scalar scalar)
        => scalar is { Style: ScalarStyle.Plain, Value: "" or "~" or "null" or "Null" or "NULL" } && scalar.Tag.IsEmpty;

    /// <summary>Writes a member name as the full reader names it; false for a merge key or a name already used.</summary>
    private static bool WriteKey(Scalar key, HashSet<string> keys, Utf8JsonWriter writer)
    {
        if (key is { Style: ScalarStyle.Plain, Value: MergeKey } && key.Tag.IsEmpty)
        {
            return false;
        }

        var name = YamlScalarResolver.Resolve(key) switch
        {
            null => "null",
            JsonValue text when text.TryGetValue<string>(out var s) => s,
            var other => other.ToJsonString(),
        };
        if (!keys.Add(name))
        {
            return false;
        }

        writer.WritePropertyName(name);
        return true;
    }

    private static void WriteValue(JsonNode? value, Utf8JsonWriter writer)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    }
}
