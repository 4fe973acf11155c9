using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Xds;
using Enum = System.Enum;

namespace RulesMesh.Tests.Translation.Output;

/// <summary>
/// Random messages of any type the Envoy registry knows, built through the descriptors: any field may be set (maps,
/// lists, oneofs, enums including numbers without a name, wrappers, 64-bit integers, bytes, NaN and infinities), and the
/// well-known types hold valid values (<c>Any</c> packing another random message, normalised durations, timestamps in
/// range, field masks of lowercase paths, non-empty <c>Struct</c> keys).
/// </summary>
internal sealed class RandomMessages(Random random)
{
    private const int MaxDepth = 5;

    private static readonly string[] TextPieces =
    [
        "", "a", "foo_bar", "<&>'\"+`\\/", "é", "日本", "😀", "\u0000\u001f\u007f\u0085\u00a0\u2028\ufeff", " lead", "trail ",
        "yes", "010", "1.5", "null", "~", "- x", "a: b", "#c", "line\nbreak", "\r\n", "\t",
    ];

    private static readonly double[] Doubles =
    [
        0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.1, 1e21, 1e-7, 5e-324, double.MaxValue,
        double.MinValue, 123456789.125, -2.5, 1.0 / 3, 9007199254740993, 1e15, 1e16, 123e-20,
    ];

    /// <summary>Every message type of the Envoy files, and the well-known types.</summary>
    public static IReadOnlyList<MessageDescriptor> Types { get; } =
        EnvoyJson.Files.SelectMany(static f => f.MessageTypes)
            .Concat(new[] { Any.Descriptor, Duration.Descriptor, Timestamp.Descriptor, FieldMask.Descriptor, Empty.Descriptor, Struct.Descriptor, DoubleValue.Descriptor }
                .SelectMany(static d => d.File.MessageTypes))
            .SelectMany(Flatten)
            .Where(static d => !d.IsMapEntry && d.ClrType is not null)
            .Distinct()
            .ToArray();

    // JsonFormatter, the reference, cannot write an Any whose type its registry lacks (FieldMask is in no Envoy file).
    private static readonly MessageDescriptor[] PackableTypes = Types.Where(static t => EnvoyJson.TypeRegistry.Find(t.FullName) is not null).ToArray();

    /// <summary>A random message of <paramref name="type"/>.</summary>
    public IMessage Message(MessageDescriptor type, int depth = 0)
    {
        switch (type.FullName)
        {
            case "google.protobuf.Any":
                return random.Next(8) == 0 || depth >= MaxDepth ? new Any()
                    : Any.Pack(Message(PackableTypes[random.Next(PackableTypes.Length)], depth + 1), random.Next(4) == 0 ? "example.com/types" : "type.googleapis.com");
            case "google.protobuf.Duration":
                var seconds = random.NextInt64(-315_576_000_000, 315_576_000_001) / (random.Next(3) == 0 ? 1 : 1_000_000);
                var nanos = Nanos() * (seconds < 0 || (seconds == 0 && random.Next(2) == 0) ? -1 : 1);
                return new Duration { Seconds = seconds, Nanos = nanos };
            case "google.protobuf.Timestamp":
                return new Timestamp { Seconds = random.NextInt64(-62_135_596_800, 253_402_300_800), Nanos = Nanos() };
            case "google.protobuf.FieldMask":
                return new FieldMask { Paths = { Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(3) switch { 0 => "a_b", 1 => "foo_bar_baz", _ => "x" }) } };
            case "google.protobuf.Value":
                return StructValue(depth);
            case "google.protobuf.Struct":
                return StructOf(depth);
            case "google.protobuf.ListValue":
                return ListOf(depth);
        }

        var message = (IMessage)Activator.CreateInstance(type.ClrType)!;
        if (depth >= MaxDepth)
        {
            return message;
        }

        var chance = depth switch { 0 => 0.4, 1 => 0.25, _ => 0.12 };
        foreach (var field in type.Fields.InDeclarationOrder())
        {
            if (random.NextDouble() < chance)
            {
                Set(message, field, depth);
            }
        }

        return message;
    }

    private static IEnumerable<MessageDescriptor> Flatten(MessageDescriptor type)
        => type.NestedTypes.SelectMany(Flatten).Prepend(type);

    private void Set(IMessage message, FieldDescriptor field, int depth)
    {
        if (field.IsMap)
        {
            var map = (IDictionary)field.Accessor.GetValue(message);
            var entry = field.MessageType;
            for (var i = random.Next(4); i > 0; i--)
            {
                map[Element(entry.FindFieldByNumber(1), depth)] = Element(entry.FindFieldByNumber(2), depth);
            }
        }
        else if (field.IsRepeated)
        {
            var list = (IList)field.Accessor.GetValue(message);
            for (var i = random.Next(4); i > 0; i--)
            {
                list.Add(Element(field, depth));
            }
        }
        else
        {
            field.Accessor.SetValue(message, Element(field, depth));
        }
    }

    private object Element(FieldDescriptor field, int depth) => field.FieldType switch
    {
        FieldType.Message when field.MessageType.File.Name == "google/protobuf/wrappers.proto" => Element(field.MessageType.FindFieldByNumber(1), depth),
        FieldType.Message => Message(field.MessageType, depth + 1),
        FieldType.Enum when field.EnumType.ClrType == typeof(NullValue) => NullValue.NullValue,
        FieldType.Enum => Enum.ToObject(field.EnumType.ClrType, random.Next(5) == 0 ? random.Next(-3, 1000) : field.EnumType.Values[random.Next(field.EnumType.Values.Count)].Number),
        FieldType.Bool => random.Next(2) == 0,
        FieldType.String => Text(),
        FieldType.Bytes => ByteString.CopyFrom(Enumerable.Range(0, random.Next(8)).Select(_ => (byte)random.Next(256)).ToArray()),
        FieldType.Double => Double(),
        FieldType.Float => Float(),
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => random.Next(3) switch { 0 => int.MinValue, 1 => random.Next(-100, 100), _ => random.Next() },
        FieldType.UInt32 or FieldType.Fixed32 => random.Next(3) switch { 0 => uint.MaxValue, 1 => (uint)random.Next(100), _ => (uint)random.NextInt64(uint.MaxValue) },
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => random.Next(3) switch { 0 => long.MinValue, 1 => random.NextInt64(-100, 100), _ => random.NextInt64() },
        FieldType.UInt64 or FieldType.Fixed64 => random.Next(3) switch { 0 => ulong.MaxValue, 1 => (ulong)random.Next(100), _ => (ulong)random.NextInt64() * 2 },
        _ => throw new ArgumentException($"No random value for {field.FullName} ({field.FieldType})"),
    };

    private int Nanos() => random.Next(4) switch { 0 => 0, 1 => random.Next(1000) * 1_000_000, 2 => random.Next(1_000_000) * 1_000, _ => random.Next(1_000_000_000) };

    private string Text() => string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(4) == 0 ? ((char)random.Next(' ', '~' + 1)).ToString() : TextPieces[random.Next(TextPieces.Length)]));

    private double Double() => random.Next(3) switch
    {
        0 => Doubles[random.Next(Doubles.Length)],
        1 => BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)),
        _ => Math.Round(random.NextDouble() * 1e6, random.Next(8)),
    };

    private float Float() => random.Next(3) switch
    {
        0 => (float)Doubles[random.Next(Doubles.Length)],
        1 => BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue)),
        _ => (float)Math.Round(random.NextDouble() * 1e4, random.Next(5)),
    };

    private Value StructValue(int depth) => random.Next(depth >= MaxDepth ? 4 : 6) switch
    {
        0 => Value.ForNull(),
        1 => Value.ForNumber(Double()),
        2 => Value.ForString(Text()),
        3 => Value.ForBool(random.Next(2) == 0),
        4 => Value.ForStruct(StructOf(depth + 1)),
        _ => Value.ForList(ListOf(depth + 1).Values.ToArray()),
    };

    private Struct StructOf(int depth)
    {
        var result = new Struct();
        for (var i = depth >= MaxDepth ? 0 : random.Next(4); i > 0; i--)
        {
            result.Fields["k" + Text()] = StructValue(depth + 1);
        }

        return result;
    }

    private ListValue ListOf(int depth)
    {
        var result = new ListValue();
        for (var i = depth >= MaxDepth ? 0 : random.Next(4); i > 0; i--)
        {
            result.Values.Add(StructValue(depth + 1));
        }

        return result;
    }
}
