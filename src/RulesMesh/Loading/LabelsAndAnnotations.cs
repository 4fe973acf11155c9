using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace RulesMesh.Loading;

/// <summary>
/// The API server's checks of <c>metadata.labels</c> and <c>metadata.annotations</c> (apimachinery's ValidateLabels and
/// ValidateAnnotations): every key is a qualified name, an optional DNS-1123 subdomain prefix (at most 253) and '/',
/// then a name of at most 63 letters, digits, '-', '_' and '.' starting and ending with a letter or digit (an
/// annotation key is checked lower-cased); a label value is empty or such a name; the keys and values of the
/// annotations hold at most 256 KiB. Checked on UTF-8 bytes, as Go counts them, with no string made for valid input.
/// </summary>
internal static class LabelsAndAnnotations
{
    /// <summary>The most bytes the annotations' keys and values may hold together (apimachinery's TotalAnnotationSizeLimitB).</summary>
    public const int MaxAnnotationBytes = 256 * 1024;

    // A qualified name is at most a 253-byte prefix, '/' and a 63-byte name: a longer key is refused unread.
    private const int MaxKeyBytes = 253 + 1 + 63;

    private const string KeyRule
        = "is not a valid key: a key is a name of at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit, optionally after a prefix and '/' (the prefix a DNS-1123 subdomain such as example.com, at most 253 characters)";

    private const string ValueRule
        = "is not a valid label value: at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit, or empty";

    /// <summary>The violations of the labels and annotations of <paramref name="metadata"/> (the parsed <c>metadata</c>), added to <paramref name="violations"/>.</summary>
    public static void Check(JsonElement metadata, ref List<SchemaViolation>? violations)
    {
        Span<byte> key = stackalloc byte[MaxKeyBytes];
        if (metadata.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in labels.EnumerateObject())
            {
                if (!IsLabelKey(Utf8Name(label, key)))
                {
                    (violations ??= []).Add(new SchemaViolation(FieldPath.Property("metadata.labels", label.Name), KeyRule));
                }

                // A value that is no string is the model reader's to refuse.
                if (label.Value.ValueKind == JsonValueKind.String && !IsLabelValue(Utf8Text(label.Value)))
                {
                    (violations ??= []).Add(new SchemaViolation(FieldPath.Property("metadata.labels", label.Name), ValueRule));
                }
            }
        }

        if (metadata.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object)
        {
            long bytes = 0;
            foreach (var annotation in annotations.EnumerateObject())
            {
                var name = Utf8Name(annotation, key);
                bytes += name.Length + (annotation.Value.ValueKind == JsonValueKind.String ? Utf8Text(annotation.Value).Length : 0);
                if (!IsAnnotationKey(name, key))
                {
                    (violations ??= []).Add(new SchemaViolation(FieldPath.Property("metadata.annotations", annotation.Name), KeyRule));
                }
            }

            if (bytes > MaxAnnotationBytes)
            {
                (violations ??= []).Add(new SchemaViolation("metadata.annotations", TooLarge(bytes)));
            }
        }
    }

    /// <summary>Whether typed <paramref name="labels"/> and <paramref name="annotations"/> break none of these rules: true exactly when <see cref="Check"/> finds nothing.</summary>
    public static bool Accept(IDictionary<string, string>? labels, IDictionary<string, string>? annotations)
    {
        Span<byte> utf8 = stackalloc byte[MaxKeyBytes];
        return AcceptsLabels(labels as Dictionary<string, string> ?? (labels is null ? null : new Dictionary<string, string>(labels)), utf8)
            && AcceptsAnnotations(annotations as Dictionary<string, string> ?? (annotations is null ? null : new Dictionary<string, string>(annotations)), utf8);
    }

    /// <summary>A message for annotations holding <paramref name="bytes"/>, over the limit.</summary>
    public static string TooLarge(long bytes)
        => $"is too large: its keys and values hold {bytes} bytes; the API server allows at most {MaxAnnotationBytes} (256 KiB)";

    // The concrete dictionary's enumerator is a struct: a valid object's maps are checked without allocating.
    private static bool AcceptsLabels(Dictionary<string, string>? labels, Span<byte> utf8)
    {
        if (labels is null)
        {
            return true;
        }

        foreach (var (key, value) in labels)
        {
            if (!AcceptsLabel(key, value, utf8))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AcceptsLabel(string key, string? value, Span<byte> utf8)
    {
        if (!Encoding.UTF8.TryGetBytes(key, utf8, out var keyLength) || !IsLabelKey(utf8[..keyLength]))
        {
            return false;
        }

        // A value longer than a key's buffer is longer than 63 bytes.
        return value is null || (Encoding.UTF8.TryGetBytes(value, utf8, out var valueLength) && IsLabelValue(utf8[..valueLength]));
    }

    private static bool AcceptsAnnotations(Dictionary<string, string>? annotations, Span<byte> utf8)
    {
        if (annotations is null)
        {
            return true;
        }

        long bytes = 0;
        foreach (var (key, value) in annotations)
        {
            if (!Encoding.UTF8.TryGetBytes(key, utf8, out var keyLength) || !IsAnnotationKey(utf8[..keyLength], utf8))
            {
                return false;
            }

            bytes += keyLength + (value is null ? 0 : Encoding.UTF8.GetByteCount(value));
        }

        return bytes <= MaxAnnotationBytes;
    }

    private static bool IsLabelKey(ReadOnlySpan<byte> key) => IsQualifiedName(key);

    /// <summary>
    /// Whether <paramref name="key"/> is a qualified name once lower-cased, as apimachinery checks an annotation key;
    /// <paramref name="scratch"/> (at least <see cref="MaxKeyBytes"/>, and may be <paramref name="key"/>'s own) holds the lower-cased copy.
    /// </summary>
    private static bool IsAnnotationKey(ReadOnlySpan<byte> key, Span<byte> scratch)
    {
        if (key.Length > MaxKeyBytes)
        {
            return false;
        }

        var lower = scratch[..key.Length];
        key.CopyTo(lower);
        for (var i = 0; i < lower.Length; i++)
        {
            if (lower[i] is >= (byte)'A' and <= (byte)'Z')
            {
                lower[i] = (byte)(lower[i] + ('a' - 'A'));
            }
        }

        return IsQualifiedName(lower);
    }

    private static bool IsQualifiedName(ReadOnlySpan<byte> key)
    {
        var slash = key.IndexOf((byte)'/');
        if (slash < 0)
        {
            return IsName(key);
        }

        var prefix = key[..slash];
        var name = key[(slash + 1)..];
        return prefix.Length > 0 && DnsNames.IsDns1123Subdomain(prefix) && IsName(name);
    }

    private static bool IsLabelValue(ReadOnlySpan<byte> value) => value.IsEmpty || IsName(value);

    // One to 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit.
    private static bool IsName(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || name.Length > 63 || !IsAlphanumeric(name[0]) || !IsAlphanumeric(name[^1]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsAlphanumeric(c) && c is not ((byte)'-' or (byte)'_' or (byte)'.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAlphanumeric(byte c) => c is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9';

    /// <summary>
    /// The UTF-8 name of <paramref name="property"/>: read in place unless written with escapes, then decoded into
    /// <paramref name="scratch"/>, or the whole name, too long to be a key, when it does not fit.
    /// </summary>
    private static ReadOnlySpan<byte> Utf8Name(JsonProperty property, Span<byte> scratch)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (!raw.Contains((byte)'\\'))
        {
            return raw;
        }

        var name = property.Name;
        return Encoding.UTF8.TryGetBytes(name, scratch, out var length) ? scratch[..length] : Encoding.UTF8.GetBytes(name);
    }

    // A string's UTF-8 text, read in place unless written with escapes.
    private static ReadOnlySpan<byte> Utf8Text(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value)[1..^1];
        return raw.Contains((byte)'\\') ? Encoding.UTF8.GetBytes(value.GetString()!) : raw;
    }
}
