using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace RulesMesh.Xds;

/// <summary>
/// Builds the <see cref="ProtoFieldWriter"/>s of a message type, in field number order: each field read through a
/// delegate bound to its generated property (and <c>Has…</c> property, for a scalar with presence), so that writing
/// boxes nothing; a field that cannot be bound so is read through reflection (<see cref="ReflectedFieldWriter"/>).
/// </summary>
internal static class ProtoFieldWriters
{
    private static readonly MethodInfo ForTypeMethod = typeof(ProtoFieldWriters).GetMethod(nameof(ForType), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo StringMapMethod = typeof(ProtoFieldWriters).GetMethod(nameof(StringMap), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The writers of <paramref name="descriptor"/>'s fields; <paramref name="layouts"/> gives enum names and the layouts of message fields' types.</summary>
    public static ProtoFieldWriter[] For(MessageDescriptor descriptor, ProtoMessageLayouts layouts)
    {
        var fields = descriptor.Fields.InFieldNumberOrder();
        return descriptor.ClrType is { IsClass: true } type && typeof(IMessage).IsAssignableFrom(type)
            ? (ProtoFieldWriter[])ForTypeMethod.MakeGenericMethod(type).Invoke(null, [fields, layouts])!
            : fields.Select(static f => (ProtoFieldWriter)new ReflectedFieldWriter(f)).ToArray();
    }

    private static ProtoFieldWriter[] ForType<TMessage>(IList<FieldDescriptor> fields, ProtoMessageLayouts layouts)
        where TMessage : class, IMessage
        => fields.Select(f => Typed<TMessage>(f, layouts) ?? new ReflectedFieldWriter(f)).ToArray();

    private static ProtoFieldWriter? Typed<TMessage>(FieldDescriptor field, ProtoMessageLayouts layouts)
        where TMessage : class, IMessage
    {
        if (typeof(TMessage).GetProperty(field.PropertyName, BindingFlags.Public | BindingFlags.Instance) is not { GetMethod: { } getter } property)
        {
            return null;
        }

        if (field.IsMap)
        {
            return Map<TMessage>(field, property, layouts);
        }

        if (field.IsRepeated)
        {
            return field.FieldType switch
            {
                FieldType.Message when !ProtoMessageLayout.IsWrapper(field.MessageType) => Repeated<TMessage, IMessage>(field, getter, new ProtoValueFormats.Message<IMessage>(layouts, field.MessageType)),
                FieldType.String => Repeated<TMessage, string>(field, getter, new ProtoValueFormats.String()),
                _ => null,
            };
        }

        if (field.FieldType == FieldType.Message)
        {
            return !ProtoMessageLayout.IsWrapper(field.MessageType) ? Present<TMessage, IMessage>(field, getter, new ProtoValueFormats.Message<IMessage>(layouts, field.MessageType))
                : property.PropertyType == typeof(string) ? Present<TMessage, string>(field, getter, new ProtoValueFormats.String())
                : property.PropertyType == typeof(ByteString) ? Present<TMessage, ByteString>(field, getter, new ProtoValueFormats.Bytes())
                : property.PropertyType == typeof(bool?) ? Nullable<TMessage, bool>(field, getter, new ProtoValueFormats.Bool())
                : property.PropertyType == typeof(int?) ? Nullable<TMessage, int>(field, getter, new ProtoValueFormats.Int32())
                : property.PropertyType == typeof(uint?) ? Nullable<TMessage, uint>(field, getter, new ProtoValueFormats.UInt32())
                : property.PropertyType == typeof(long?) ? Nullable<TMessage, long>(field, getter, new ProtoValueFormats.Int64())
                : property.PropertyType == typeof(ulong?) ? Nullable<TMessage, ulong>(field, getter, new ProtoValueFormats.UInt64())
                : property.PropertyType == typeof(float?) ? Nullable<TMessage, float>(field, getter, new ProtoValueFormats.Float())
                : property.PropertyType == typeof(double?) ? Nullable<TMessage, double>(field, getter, new ProtoValueFormats.Double())
                : null;
        }

        var has = field.HasPresence ? HasValue<TMessage>(field) : null;
        return field.FieldType switch
        {
            FieldType.Bool => Scalar(field, getter, has, new ProtoValueFormats.Bool()),
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => Scalar(field, getter, has, new ProtoValueFormats.Int32()),
            FieldType.UInt32 or FieldType.Fixed32 => Scalar(field, getter, has, new ProtoValueFormats.UInt32()),
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => Scalar(field, getter, has, new ProtoValueFormats.Int64()),
            FieldType.UInt64 or FieldType.Fixed64 => Scalar(field, getter, has, new ProtoValueFormats.UInt64()),
            FieldType.Float => Scalar(field, getter, has, new ProtoValueFormats.Float()),
            FieldType.Double => Scalar(field, getter, has, new ProtoValueFormats.Double()),
            FieldType.String => Scalar(field, getter, has, new ProtoValueFormats.String()),
            FieldType.Bytes => Scalar(field, getter, has, new ProtoValueFormats.Bytes()),

            // An enum property binds to a delegate returning its underlying int.
            FieldType.Enum when field.EnumType.ClrType == typeof(NullValue) => Scalar(field, getter, has, new ProtoValueFormats.Null()),
            FieldType.Enum => Scalar(field, getter, has, new ProtoValueFormats.Enum(layouts.EnumNames(field.EnumType))),
            _ => null,
        };
    }

    // A map with string keys and message (not wrapper) or string values, the maps of Envoy's resources (metadata,
    // typed_per_filter_config).
    private static ProtoFieldWriter? Map<TMessage>(FieldDescriptor field, PropertyInfo property, ProtoMessageLayouts layouts)
        where TMessage : class, IMessage
    {
        var key = field.MessageType.FindFieldByNumber(1);
        var value = field.MessageType.FindFieldByNumber(2);
        if (key.FieldType != FieldType.String || !property.PropertyType.IsGenericType
            || property.PropertyType.GetGenericTypeDefinition() != typeof(MapField<,>) || property.PropertyType.GetGenericArguments() is not [_, var valueType])
        {
            return null;
        }

        var format = value.FieldType switch
        {
            FieldType.Message when !ProtoMessageLayout.IsWrapper(value.MessageType) => Activator.CreateInstance(typeof(ProtoValueFormats.Message<>).MakeGenericType(valueType), layouts, value.MessageType),
            FieldType.String => new ProtoValueFormats.String(),
            _ => null,
        };
        return format is null ? null : (ProtoFieldWriter?)StringMapMethod.MakeGenericMethod(typeof(TMessage), valueType).Invoke(null, [field, property.GetMethod, format]);
    }

    private static MapFieldWriter<TMessage, TValue>? StringMap<TMessage, TValue>(FieldDescriptor field, MethodInfo getter, ProtoValueFormat<TValue> format)
        where TMessage : class, IMessage
        where TValue : class
        => Bind<Func<TMessage, MapField<string, TValue>>>(getter) is { } get ? new(field, get, format) : null;

    private static ScalarFieldWriter<TMessage, TValue>? Scalar<TMessage, TValue>(FieldDescriptor field, MethodInfo getter, Func<TMessage, bool>? has, ProtoValueFormat<TValue> format)
        where TMessage : class, IMessage
        => Bind<Func<TMessage, TValue>>(getter) is { } get ? new(field, get, has, format) : null;

    private static PresentFieldWriter<TMessage, TValue>? Present<TMessage, TValue>(FieldDescriptor field, MethodInfo getter, ProtoValueFormat<TValue> format)
        where TMessage : class, IMessage
        where TValue : class
        => Bind<Func<TMessage, TValue?>>(getter) is { } get ? new(field, get, format) : null;

    private static NullableFieldWriter<TMessage, TValue>? Nullable<TMessage, TValue>(FieldDescriptor field, MethodInfo getter, ProtoValueFormat<TValue> format)
        where TMessage : class, IMessage
        where TValue : struct
        => Bind<Func<TMessage, TValue?>>(getter) is { } get ? new(field, get, format) : null;

    private static RepeatedFieldWriter<TMessage, TItem>? Repeated<TMessage, TItem>(FieldDescriptor field, MethodInfo getter, ProtoValueFormat<TItem> format)
        where TMessage : class, IMessage
        => Bind<Func<TMessage, IReadOnlyList<TItem>>>(getter) is { } get ? new(field, get, format) : null;

    // Whether a oneof member or optional scalar is set: its generated Has… property, else the reflection accessor's.
    private static Func<TMessage, bool> HasValue<TMessage>(FieldDescriptor field)
        where TMessage : class, IMessage
    {
        if (typeof(TMessage).GetProperty("Has" + field.PropertyName, BindingFlags.Public | BindingFlags.Instance)?.GetMethod is { } getter
            && Bind<Func<TMessage, bool>>(getter) is { } has)
        {
            return has;
        }

        var accessor = field.Accessor;
        return message => accessor.HasValue(message);
    }

    private static TDelegate? Bind<TDelegate>(MethodInfo getter)
        where TDelegate : Delegate
        => (TDelegate?)Delegate.CreateDelegate(typeof(TDelegate), getter, throwOnBindFailure: false);
}
