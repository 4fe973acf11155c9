namespace RulesMesh.Xds;

/// <summary>How <see cref="ProtoJsonWriter"/> writes one kind of field value, typed so that no value is boxed on the way.</summary>
internal abstract class ProtoValueFormat<T>
{
    /// <summary>The value proto3 JSON leaves out of a field without presence (JsonFormatter's IsDefaultValue).</summary>
    public abstract bool IsDefault(T value);

    /// <summary>Writes <paramref name="value"/> as one JSON value.</summary>
    public abstract void Write(ProtoJsonWriter json, IJsonTokenWriter writer, T value);
}
