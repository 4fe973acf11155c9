using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace RulesMesh.Xds;

/// <summary>
/// The <see cref="ProtoValueFormat{T}"/> of each field type: the same text <see cref="ProtoJsonWriter"/> gives the boxed
/// value (64-bit integers and bytes as strings, NaN and infinities as strings, enums by name).
/// </summary>
internal static class ProtoValueFormats
{
    public sealed class Bool : ProtoValueFormat<bool>
    {
        public override bool IsDefault(bool value) => !value;

        public override void Write(ProtoJsonWriter json, IJsonTokenWriter writer, bool value) => writer.WriteBooleanValue(value);
    }

    public sealed class Int32 : ProtoValueFormat<int>
    {
        public override bool IsDefault(int value) => value == 0;

        public override void Write(ProtoJsonWriter json, IJsonTokenWriter writer, int value) => writer.WriteNumberValue(value);
    }

    public sealed class UInt32 : ProtoValueFormat<uint>
    {
        public override bool IsDefault(uint value) => value == 0;

        public override void Write(ProtoJsonWriter json, IJsonTokenWriter writer, uint value) => writer.WriteNumberValue(value);
    }

    public sealed class Int64 : ProtoValueFormat<long>
    {
        public override bool IsDefault(long value) => value == 0;

        public override void Write(ProtoJsonWriter json, IJsonTokenWriter writer, long value)
            => ProtoJsonIntegers.WriteInt64(writer, value);
    }

    public sealed class UInt64 : ProtoValueFormat<ulong>
    {
        public override bool IsDefault(ulong value) => value == 0;

        public override void Write(ProtoJsonWriter json, IJsonTokenWriter writer, ulong value)
            => ProtoJsonIntegers.WriteUInt64(writer, value);
    }

    // -0.0 is a default, NaN is not.
    public sealed class Double : ProtoValueFormat<double>
    {
        public override bool IsDefault(double value) => value == 0.0;

        public override void Write(ProtoJsonWriter json, IJsonTokenWriter writer, double value) => ProtoJsonWriter.WriteFloatingPoint(writer, value);
    }

    public sealed class Float : ProtoValueFormat<float>
    {
        public override bool IsDefault(float value) => value == 0f;

        public override void Write(ProtoJsonWriter json, IJsonTokenWriter writer, float value) => ProtoJsonWriter.WriteFloat(writer, value);
    }

    public sealed class String : ProtoValueFormat<string>
    {
        public override bool IsDefault(string value) => value.Length == 0;

        public override void Write(ProtoJsonWriter json, IJsonTokenWriter writer, string value) => writer.WriteStringValue(value);
    }

    public sealed class Bytes : ProtoValueFormat<ByteString>
    {
        public override bool IsDefault(ByteString value) => value.IsEmpty;

        public override void Write(ProtoJsonWriter json, IJsonTokenWriter writer, ByteString value) => writer.WriteStringValue(value.ToBase64());
    }

    /// <summary>A message of <paramref name="type"/>, in its type's form (an object, or a well-known type's own).</summary>
    public sealed class Message<T>(ProtoMessageLayouts layouts, MessageDescriptor type) : ProtoValueFormat<T>
        where T : class, IMessage
    {
        // Looked up on first use (a type may hold itself); threads racing to set it set the same layout.
        private ProtoMessageLayout? _layout;

        public override bool IsDefault(T value) => false;

        // A field of a message type holds messages of that type's generated class, whose descriptor is the field's type.
        public override void Write(ProtoJsonWriter json, IJsonTokenWriter writer, T value)
            => json.WriteMessage(writer, value, _layout ??= layouts.Layout(type));
    }

    /// <summary>An enum's number, by the name <paramref name="names"/> gives it, else as a number.</summary>
    public sealed class Enum(IReadOnlyDictionary<int, JsonEncodedText> names) : ProtoValueFormat<int>
    {
        public override bool IsDefault(int value) => value == 0;

        public override void Write(ProtoJsonWriter json, IJsonTokenWriter writer, int value) => ProtoJsonWriter.WriteEnum(writer, names, value);
    }

    /// <summary><c>google.protobuf.NullValue</c>: <c>null</c>, whatever the number.</summary>
    public sealed class Null : ProtoValueFormat<int>
    {
        public override bool IsDefault(int value) => value == 0;

        public override void Write(ProtoJsonWriter json, IJsonTokenWriter writer, int value) => writer.WriteNullValue();
    }
}
