using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace RulesMesh.Xds;

/// <summary>
/// Proto3 JSON for the Envoy v3 messages in this assembly, in the form Envoy and its control planes use:
/// camelCase field names, default values omitted, enums by name, durations like <c>5s</c>, and an
/// <c>@type</c> on every <see cref="Google.Protobuf.WellKnownTypes.Any"/>.
/// </summary>
/// <remarks>
/// <see cref="TypeRegistry"/> holds every file compiled into this assembly (with their dependencies), so an
/// <c>Any</c> holding any of these messages formats and parses. <see cref="Parser"/> rejects unknown fields
/// and <c>@type</c>s it does not know, so a parse proves the JSON matches these types exactly.
/// </remarks>
public static class EnvoyJson
{
    /// <summary>Every protobuf file compiled into this assembly: Envoy, xDS, udpa, validate, googleapis and our own.</summary>
    public static IReadOnlyList<FileDescriptor> Files { get; } = LoadFiles();

    /// <summary>A registry of every message type in <see cref="Files"/> and their dependencies.</summary>
    public static TypeRegistry TypeRegistry { get; } = TypeRegistry.FromFiles(Files.ToArray());

    /// <summary>Formats messages as proto3 JSON, resolving <c>Any</c> through <see cref="TypeRegistry"/>.</summary>
    public static JsonFormatter Formatter { get; } = new(JsonFormatter.Settings.Default.WithTypeRegistry(TypeRegistry));

    /// <summary>Formats like <see cref="Formatter"/>, indented two spaces.</summary>
    public static JsonFormatter IndentedFormatter { get; } =
        new(JsonFormatter.Settings.Default.WithTypeRegistry(TypeRegistry).WithIndentation("  "));

    /// <summary>The settings of <see cref="Parser"/>: <see cref="TypeRegistry"/>, and unknown fields rejected.</summary>
    public static JsonParser.Settings ParserSettings { get; } =
        JsonParser.Settings.Default.WithTypeRegistry(TypeRegistry).WithIgnoreUnknownFields(false);

    /// <summary>Parses proto3 JSON, resolving <c>Any</c> through <see cref="TypeRegistry"/>; unknown fields are errors.</summary>
    public static JsonParser Parser { get; } = new(ParserSettings);

    /// <summary>
    /// A writer of the same proto3 JSON as <see cref="Formatter"/> straight to a <see cref="System.Text.Json.Utf8JsonWriter"/>
    /// (or another <see cref="IJsonTokenWriter"/>), resolving <c>Any</c> through <see cref="TypeRegistry"/>. It learns each
    /// message type once: use one per document, on one thread.
    /// </summary>
    public static ProtoJsonWriter CreateWriter() => new(TypeRegistry);

    /// <summary>Formats <paramref name="message"/> as compact proto3 JSON.</summary>
    public static string Format(IMessage message) => Formatter.Format(message);

    /// <summary>Formats <paramref name="message"/> as indented proto3 JSON.</summary>
    public static string FormatIndented(IMessage message) => IndentedFormatter.Format(message);

    /// <summary>Parses <paramref name="json"/> into a <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidProtocolBufferException">The JSON has an unknown field, an unknown <c>@type</c> or a bad value.</exception>
    public static T Parse<T>(string json) where T : IMessage, new() => Parser.Parse<T>(json);

    /// <summary>Parses <paramref name="json"/> into a message of the type <paramref name="descriptor"/> describes.</summary>
    /// <exception cref="InvalidProtocolBufferException">The JSON has an unknown field, an unknown <c>@type</c> or a bad value.</exception>
    public static IMessage Parse(string json, MessageDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return Parser.Parse(json, descriptor);
    }

    /// <summary>Finds a message type by its full protobuf name (for example <c>envoy.config.cluster.v3.Cluster</c>).</summary>
    public static MessageDescriptor? FindMessageType(string fullName) => TypeRegistry.Find(fullName);

    // protoc emits one static "<File>Reflection" class per .proto, with a public static Descriptor property.
    private static FileDescriptor[] LoadFiles() =>
        typeof(EnvoyJson).Assembly.GetTypes()
            .Where(t => t.IsClass && t.IsAbstract && t.IsSealed && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .Where(p => p is not null && p.PropertyType == typeof(FileDescriptor))
            .Select(p => (FileDescriptor)p!.GetValue(null)!)
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToArray();
}
