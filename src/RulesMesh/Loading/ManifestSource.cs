using System.Text;
using System.Text.Unicode;

namespace RulesMesh.Loading;

/// <summary>A named YAML or JSON text to load: a file, a string, or a stream such as standard input.</summary>
public sealed class ManifestSource
{
    private static readonly IReadOnlyList<string> ManifestExtensions = [".yaml", ".yml", ".json"];

    private const int ReadBlockSize = 1 << 16;

    private readonly Func<long, SourceContent> read;

    private ManifestSource(string name, Func<long, SourceContent> read)
    {
        Name = name;
        this.read = read;
    }

    /// <summary>The name used in diagnostics: the file path, or the name given.</summary>
    public string Name { get; }

    /// <summary>
    /// The file at <paramref name="path"/>, or every <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> file
    /// below the folder at <paramref name="path"/>, sorted by path so that loads are repeatable.
    /// Symbolic links to folders are followed, each real folder once, so link loops end.
    /// A path that does not exist, or a folder that cannot be listed, yields a source that fails when read,
    /// so the load reports it.
    /// </summary>
    public static IReadOnlyList<ManifestSource> FromPath(string path)
    {
        if (!Directory.Exists(path))
        {
            return [FromFile(path)];
        }

        var files = new List<string>();
        var failures = new List<ManifestSource>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([path]);
        while (pending.TryPop(out var folder))
        {
            if (!visited.Add(RealPath.Of(folder)))
            {
                continue;
            }

            try
            {
                foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
                {
                    if (entry is DirectoryInfo || (entry.LinkTarget is not null && Directory.Exists(entry.FullName)))
                    {
                        pending.Push(Path.Combine(folder, entry.Name));
                    }
                    else if (ManifestExtensions.Contains(entry.Extension, StringComparer.OrdinalIgnoreCase))
                    {
                        files.Add(Path.Combine(folder, entry.Name));
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                var message = exception.Message;
                failures.Add(new ManifestSource(folder, _ => throw new IOException($"Cannot list the folder: {message}")));
            }
        }

        return [.. failures, .. files.Order(StringComparer.Ordinal).Select(FromFile)];
    }

    /// <summary>Text already in memory.</summary>
    public static ManifestSource FromText(string name, string text)
        => new(name, maxBytes => Encoding.UTF8.GetByteCount(text) > maxBytes ? throw new ManifestTooLargeException() : SourceContent.Of(text));

    /// <summary>A reader, read to its end (or to the size limit) when the source is loaded; the caller keeps ownership of it.</summary>
    public static ManifestSource FromReader(string name, TextReader reader) => new(name, maxBytes => SourceContent.Of(ReadBounded(reader, maxBytes)));

    /// <summary>Reads the whole text, however large.</summary>
    /// <exception cref="IOException">The file cannot be read, or is not UTF-8 (<see cref="InvalidManifestEncodingException"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public string ReadText() => read(long.MaxValue).Text;

    /// <summary>Reads the whole text, stopping once it is larger than <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="ManifestTooLargeException">The source holds more than <paramref name="maxBytes"/> bytes.</exception>
    /// <exception cref="IOException">The file cannot be read, or is not UTF-8 (<see cref="InvalidManifestEncodingException"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public string ReadText(long maxBytes) => read(maxBytes).Text;

    /// <summary>Reads the whole text, and keeps its UTF-8 bytes too (what the loader's documents point into), stopping once it is larger than <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="ManifestTooLargeException">The source holds more than <paramref name="maxBytes"/> bytes.</exception>
    /// <exception cref="IOException">The file cannot be read, or is not UTF-8 (<see cref="InvalidManifestEncodingException"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    internal SourceContent ReadContent(long maxBytes) => read(maxBytes);

    private static ManifestSource FromFile(string path) => new(path, maxBytes => ReadFile(path, maxBytes));

    // Read until the end rather than by the file's length: /dev/zero, a pipe or a growing file has none that can be trusted.
    private static SourceContent ReadFile(string path, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        // One byte past the limit shows that the file is over it; Math.Min first, as long.MaxValue + 1 would overflow.
        // A file read whole fits with that byte to spare, so its buffer is allocated once, at its size: the documents keep it.
        var buffer = new byte[stream.CanSeek ? (int)(Math.Min(stream.Length, Math.Min(maxBytes, Array.MaxLength - 1)) + 1) : ReadBlockSize];
        var count = 0;
        while (true)
        {
            if (count == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, Array.MaxLength));
            }

            var read = stream.Read(buffer, count, buffer.Length - count);
            if (read == 0)
            {
                return Decode(buffer.AsMemory(0, count));
            }

            count += read;
            if (count > maxBytes)
            {
                throw new ManifestTooLargeException();
            }
        }
    }

    private static string ReadBounded(TextReader reader, long maxBytes)
    {
        var text = new StringBuilder();
        var block = new char[ReadBlockSize];
        int read;
        while ((read = reader.Read(block)) > 0)
        {
            text.Append(block, 0, read);
            if (text.Length > maxBytes)
            {
                throw new ManifestTooLargeException();
            }
        }

        return text.ToString();
    }

    /// <summary>UTF-8, as Kubernetes requires, with or without a byte order mark; anything else is refused rather than patched. Checked, not decoded.</summary>
    private static SourceContent Decode(ReadOnlyMemory<byte> memory)
    {
        var bytes = memory.Span;
        var utf8 = bytes.StartsWith("\uFEFF"u8) ? memory[3..] : memory;
        var content = utf8.Span;
        if (Utf8.IsValid(content))
        {
            // Kept as bytes: the loader reads them as they are, and a string of a 45 MB file would take 90 MB more.
            return new SourceContent(utf8);
        }

        Utf8.ToUtf16(content, new char[content.Length], out var bytesRead, out _, replaceInvalidSequences: false);
        var offset = bytesRead + (bytes.Length - content.Length);
        var before = bytes[..offset];
        var line = before.Count((byte)'\n') + 1;
        var column = offset - (before.LastIndexOf((byte)'\n') + 1) + 1;
        throw new InvalidManifestEncodingException(offset, line, column);
    }
}
