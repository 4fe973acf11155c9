using System.Text.Json;

namespace RulesMesh.Modeling;

/// <summary>Reads one value of <typeparamref name="T"/> starting at the reader's current token, leaving the reader on its last token.</summary>
/// <typeparam name="T">The type read.</typeparam>
/// <param name="reader">The reader, on the value's first token.</param>
/// <param name="options">The serializer options the value is read with.</param>
/// <param name="strings">The pool of the load the value is read in, which shares the strings that recur.</param>
/// <returns>The value; null for a JSON null where <typeparamref name="T"/> allows it.</returns>
public delegate T? ModelRead<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, StringPool strings);
