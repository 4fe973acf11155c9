using System.Text;
using System.Text.Json;

namespace RulesMesh.Modeling;

/// <summary>
/// A value a generated model reader could not read, on its way out: each reader it passes through adds where it was
/// (property, dictionary key or list index), and <see cref="ModelReading"/>'s <c>Read</c> turns it into the exception and
/// message System.Text.Json's deserializer gives for the same input.
/// </summary>
public sealed class ModelReadException : JsonException
{
    // The characters for which System.Text.Json writes a property name in brackets.
    private static readonly System.Buffers.SearchValues<char> SpecialCharacters = System.Buffers.SearchValues.Create(". '/\"[]()\t\n\r\f\b\\\u0085\u2028\u2029");

    private readonly List<string> _segmentsInnermostFirst = [];

    private ModelReadException(string reason, bool notSupported, Exception? inner, bool verbatim = false)
        : base(reason, inner)
    {
        Reason = reason;
        NotSupported = notSupported;
        Verbatim = verbatim;
    }

    /// <summary>What went wrong, without a path: System.Text.Json's words for it.</summary>
    public string Reason { get; }

    /// <summary>True when System.Text.Json reports this as a <see cref="NotSupportedException"/> (a converter refusing a kind of value).</summary>
    public bool NotSupported { get; }

    /// <summary>
    /// True when <see cref="Reason"/> is the whole message: System.Text.Json keeps a converter's own words, and those for
    /// missing required properties, without appending the path (it sets only <see cref="JsonException.Path"/>).
    /// </summary>
    public bool Verbatim { get; }

    /// <summary>The JSON path of the value, as System.Text.Json writes it: <c>$.spec.ports[0].name</c>, <c>$.metadata.labels['a.b']</c>.</summary>
    public string JsonPath
    {
        get
        {
            var path = new StringBuilder("$");
            for (var index = _segmentsInnermostFirst.Count - 1; index >= 0; index--)
            {
                path.Append(_segmentsInnermostFirst[index]);
            }

            return path.ToString();
        }
    }

    /// <summary>System.Text.Json's "could not be converted" failure for a value of <paramref name="type"/>.</summary>
    public static ModelReadException CannotConvert(Type type) => new($"The JSON value could not be converted to {type}.", notSupported: false, inner: null);

    /// <summary>
    /// System.Text.Json's failure for an object of <paramref name="type"/> that lacks required properties: their wire
    /// names in declaration order (null for one that was read), listed as the serializer lists them, up to its cut-off.
    /// </summary>
    public static ModelReadException MissingRequired(Type type, params string?[] missingWireNames)
    {
        // The serializer stops adding names once the list reaches this length.
        const int CutOffLength = 60;
        var names = new StringBuilder();
        foreach (var name in missingWireNames)
        {
            if (name is null)
            {
                continue;
            }

            if (names.Length > 0)
            {
                names.Append(System.Globalization.CultureInfo.CurrentUICulture.TextInfo.ListSeparator).Append(' ');
            }

            names.Append('\'').Append(name).Append('\'');
            if (names.Length >= CutOffLength)
            {
                break;
            }
        }

        return new ModelReadException($"JSON deserialization for type '{type}' was missing required properties including: {names}.", notSupported: false, inner: null, verbatim: true);
    }

    /// <summary>
    /// The failure <paramref name="exception"/> stands for: itself when it already is one, else a reader's own
    /// failure (a depth limit) or a serializer's, whose path (relative to the value it read) becomes the innermost segment.
    /// </summary>
    public static ModelReadException From(Exception exception)
    {
        if (exception is ModelReadException failure)
        {
            return failure;
        }

        var message = exception.Message;
        var pathAt = message.IndexOf(" Path: ", StringComparison.Ordinal);
        var lineAt = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        var reason = pathAt >= 0 ? message[..pathAt] : lineAt >= 0 ? message[..lineAt] : message;

        // A message with neither path nor position is a converter's own words, which the serializer leaves as they are.
        var verbatim = exception is JsonException && pathAt < 0 && lineAt < 0;
        var read = new ModelReadException(reason, exception is NotSupportedException, exception, verbatim);
        if (exception is JsonException { Path: { Length: > 1 } path } && path[0] == '$')
        {
            read._segmentsInnermostFirst.Add(path[1..]);
        }

        return read;
    }

    /// <summary>Adds the property (or dictionary key) the failure happened in.</summary>
    public ModelReadException InProperty(ReadOnlySpan<byte> utf8Name) => InProperty(Encoding.UTF8.GetString(utf8Name));

    /// <summary>Adds the property (or dictionary key) the failure happened in.</summary>
    public ModelReadException InProperty(string name)
    {
        _segmentsInnermostFirst.Add(name.AsSpan().IndexOfAny(SpecialCharacters) >= 0 ? "['" + name + "']" : "." + name);
        return this;
    }

    /// <summary>Adds the list index the failure happened at.</summary>
    public ModelReadException AtIndex(int index)
    {
        _segmentsInnermostFirst.Add("[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]");
        return this;
    }
}
