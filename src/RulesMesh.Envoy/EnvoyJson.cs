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
    public static IReadOnlyList<FileDescriptor> Files => AllFiles.Files;

    /// <summary>A registry of every message type in <see cref="Files"/> and their dependencies.</summary>
    public static TypeRegistry TypeRegistry => AllFiles.TypeRegistry;

    /// <summary>Formats messages as proto3 JSON, resolving <c>Any</c> through <see cref="TypeRegistry"/>.</summary>
    public static JsonFormatter Formatter => AllFiles.Formatter;

    /// <summary>Formats like <see cref="Formatter"/>, indented two spaces.</summary>
    public static JsonFormatter IndentedFormatter => AllFiles.IndentedFormatter;

    /// <summary>The settings of <see cref="Parser"/>: <see cref="TypeRegistry"/>, and unknown fields rejected.</summary>
    public static JsonParser.Settings ParserSettings => AllFiles.ParserSettings;

    /// <summary>Parses proto3 JSON, resolving <c>Any</c> through <see cref="TypeRegistry"/>; unknown fields are errors.</summary>
    public static JsonParser Parser => AllFiles.Parser;

    /// <summary>
    /// A writer of the same proto3 JSON as <see cref="Formatter"/> straight to a <see cref="System.Text.Json.Utf8JsonWriter"/>
    /// (or another <see cref="IJsonTokenWriter"/>), resolving <c>Any</c> through <see cref="FindMessageType"/>. It learns each
    /// message type once: use one per document, on one thread.
    /// </summary>
    public static ProtoJsonWriter CreateWriter() => new(FindMessageType);

    /// <summary>
    /// What writers learn of each type, resolving <c>Any</c> through <see cref="FindMessageType"/>: give one to every
    /// <see cref="ProtoJsonWriter"/> of a document written on several threads, so that each type is learnt once.
    /// </summary>
    public static ProtoMessageLayouts CreateLayouts() => new(FindMessageType);

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

    /// <summary>Finds a message type by its full protobuf name (for example <c>envoy.config.cluster.v3.Cluster</c>), as <see cref="TypeRegistry"/> would.</summary>
    /// <remarks>
    /// The generated class the name implies is tried first, so that a process which meets a few types builds only their
    /// files' descriptors rather than those of every file (a good part of a short run's start-up).
    /// </remarks>
    public static MessageDescriptor? FindMessageType(string fullName)
        => GeneratedMessageTypes.Find(fullName) ?? TypeRegistry.Find(fullName);

    /// <summary>The files and what is built on all of them, built together when one of them is first used.</summary>
    private static class AllFiles
    {
        public static readonly IReadOnlyList<FileDescriptor> Files = LoadFiles();
        public static readonly TypeRegistry TypeRegistry = TypeRegistry.FromFiles(Files.ToArray());
        public static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(TypeRegistry));
        public static readonly JsonFormatter IndentedFormatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(TypeRegistry).WithIndentation("  "));
        public static readonly JsonParser.Settings ParserSettings = JsonParser.Settings.Default.WithTypeRegistry(TypeRegistry).WithIgnoreUnknownFields(false);
        public static readonly JsonParser Parser = new(ParserSettings);

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
}
