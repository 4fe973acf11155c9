using System.Globalization;

namespace RulesMesh.Loading;

/// <summary>A file that is not valid UTF-8: the first bad byte, by offset and by line and column (in bytes).</summary>
public sealed class InvalidManifestEncodingException(long offset, int line, int column)
    : IOException(string.Create(CultureInfo.InvariantCulture, $"The file is not valid UTF-8: byte {offset} (line {line}, byte {column} of the line) starts an invalid sequence; Kubernetes manifests must be UTF-8."))
{
    /// <summary>0-based offset of the first invalid byte.</summary>
    public long Offset { get; } = offset;

    /// <summary>1-based line of the first invalid byte.</summary>
    public int Line { get; } = line;

    /// <summary>1-based column, in bytes, of the first invalid byte.</summary>
    public int Column { get; } = column;
}
