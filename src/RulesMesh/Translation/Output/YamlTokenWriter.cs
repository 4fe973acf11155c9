using System.Globalization;
using System.Text;
using System.Text.Json;
using RulesMesh.Xds;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RulesMesh.Translation.Output;

/// <summary>
/// Sends <see cref="ProtoJsonWriter"/>'s tokens to a YAML emitter as block mappings, sequences and scalars, exactly as
/// <see cref="JsonYamlWriter"/> emits the same JSON: strings through <see cref="JsonYamlWriter.EmitString"/>, numbers,
/// booleans and null as plain scalars of their JSON text.
/// </summary>
internal sealed class YamlTokenWriter(IEmitter emitter) : IJsonTokenWriter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public void WriteStartObject() => emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));

    public void WriteEndObject() => emitter.Emit(new MappingEnd());

    public void WriteStartArray() => emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));

    public void WriteEndArray() => emitter.Emit(new SequenceEnd());

    public void WritePropertyName(JsonEncodedText name) => JsonYamlWriter.EmitString(emitter, name.Value);

    public void WritePropertyName(string name) => WriteStringValue(name);

    public void WriteStringValue(JsonEncodedText value) => JsonYamlWriter.EmitString(emitter, value.Value);

    public void WriteStringValue(string value)
    {
        // As in JSON, text with a lone surrogate is refused: it has no UTF-8 form (the strict encoding throws).
        if (value.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            StrictUtf8.GetByteCount(value);
        }

        JsonYamlWriter.EmitString(emitter, value);
    }

    public void WriteNumberValue(int value) => EmitPlain(value.ToString(CultureInfo.InvariantCulture));

    public void WriteNumberValue(uint value) => EmitPlain(value.ToString(CultureInfo.InvariantCulture));

    public void WriteNumberValue(double value) => EmitPlain(value.ToString("r", CultureInfo.InvariantCulture));

    public void WriteNumberValue(float value) => EmitPlain(value.ToString("r", CultureInfo.InvariantCulture));

    public void WriteBooleanValue(bool value) => EmitPlain(value ? "true" : "false");

    public void WriteNullValue() => EmitPlain("null");

    private void EmitPlain(string text)
        => emitter.Emit(new Scalar(null, null, text, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
}
