namespace RulesMesh.Loading;

/// <summary>A named YAML or JSON text to load: a file, a string, or a stream such as standard input.</summary>
public sealed class ManifestSource
{
    private static readonly IReadOnlyList<string> ManifestExtensions = [".yaml", ".yml", ".json"];

    private readonly Func<string> readText;

    private ManifestSource(string name, Func<string> readText)
    {
        Name = name;
        this.readText = readText;
    }

    /// <summary>The name used in diagnostics: the file path, or the name given.</summary>
    public string Name { get; }

    /// <summary>
    /// The file at <paramref name="path"/>, or every <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> file
    /// below the folder at <paramref name="path"/>, sorted by path so that loads are repeatable.
    /// A path that does not exist yields one source that fails when read, so the load reports it.
    /// </summary>
    public static IReadOnlyList<ManifestSource> FromPath(string path)
    {
        if (!Directory.Exists(path))
        {
            return [new ManifestSource(path, () => File.ReadAllText(path))];
        }

        return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(static file => ManifestExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(static file => new ManifestSource(file, () => File.ReadAllText(file)))
            .ToList();
    }

    /// <summary>Text already in memory.</summary>
    public static ManifestSource FromText(string name, string text) => new(name, () => text);

    /// <summary>A reader, read to its end when the source is loaded; the caller keeps ownership of it.</summary>
    public static ManifestSource FromReader(string name, TextReader reader) => new(name, reader.ReadToEnd);

    /// <summary>Reads the whole text.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public string ReadText() => readText();
}
