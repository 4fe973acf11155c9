using RulesMesh.Loading;

namespace RulesMesh.Cli.Input;

/// <summary>What a command reads: the files, folders and standard input named on the command line, or the built-in sample.</summary>
/// <param name="Sources">The manifests to load, in the order given (a folder's files sorted by path).</param>
/// <param name="Description">The input in a few words, for the report's heading.</param>
/// <param name="Warnings">Things worth telling that do not stop the command, such as a folder without manifests.</param>
internal sealed record ManifestInput(IReadOnlyList<ManifestSource> Sources, string Description, IReadOnlyList<string> Warnings)
{
    /// <summary>The path argument that means standard input.</summary>
    public const string StandardInputPath = "-";

    /// <summary>The name diagnostics give standard input.</summary>
    public const string StandardInputName = "<stdin>";

    /// <summary>The sample mesh shipped beside the tool (samples/mesh of the repository, copied at build).</summary>
    public static string SampleDirectory => Path.Combine(AppContext.BaseDirectory, "samples", "mesh");

    /// <summary>
    /// The sources for <paramref name="paths"/>: <c>-</c> reads <paramref name="standardInput"/>, a folder every
    /// <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> below it. No paths at all means the built-in sample.
    /// A path that does not exist is kept, so the load reports it with the other input errors.
    /// </summary>
    public static ManifestInput Resolve(IReadOnlyList<string> paths, Func<TextReader> standardInput)
    {
        if (paths.Count == 0)
        {
            var sample = ManifestSource.FromPath(SampleDirectory);
            return new ManifestInput(sample, $"the built-in sample mesh, {Files(sample.Count)} in {SampleDirectory}", []);
        }

        var sources = new List<ManifestSource>();
        var warnings = new List<string>();
        foreach (var path in paths)
        {
            if (path == StandardInputPath)
            {
                sources.Add(ManifestSource.FromReader(StandardInputName, standardInput()));
                continue;
            }

            var found = ManifestSource.FromPath(path);
            if (found.Count == 0)
            {
                warnings.Add($"{path}: warning: the folder holds no .yaml, .yml or .json file.");
            }

            sources.AddRange(found);
        }

        sources = ReadOnce(sources, warnings);
        var named = string.Join(", ", paths.Select(static p => p == StandardInputPath ? StandardInputName : p));
        var description = paths.Count == 1 && sources.Count == 1 ? named : $"{named} ({Files(sources.Count)})";
        return new ManifestInput(sources, description, warnings);
    }

    /// <summary>
    /// <paramref name="sources"/> with a file named more than once (twice, or as a file and in its folder) kept only where
    /// it is named last, with a warning saying so. kubectl applies such a file again, which changes nothing; loaded twice
    /// here, each of its objects would be warned about as defined again at its own place.
    /// </summary>
    private static List<ManifestSource> ReadOnce(List<ManifestSource> sources, List<string> warnings)
    {
        // Each real path resolved once: it reads every link along the path.
        var real = sources.Select(static source => source.Name == StandardInputName ? null : RealPath.Of(source.Name)).ToList();
        var lastPlace = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < sources.Count; index++)
        {
            if (real[index] is { } path)
            {
                lastPlace[path] = index;
            }
        }

        if (lastPlace.Count == real.Count(static path => path is not null))
        {
            return sources;
        }

        var kept = new List<ManifestSource>(lastPlace.Count + 1);
        var warned = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < sources.Count; index++)
        {
            if (real[index] is not { } path || lastPlace[path] == index)
            {
                kept.Add(sources[index]);
            }
            else if (warned.Add(path))
            {
                warnings.Add($"{sources[index].Name}: warning: the file is named more than once; it is read once, where it is named last.");
            }
        }

        return kept;
    }

    private static string Files(int count) => count == 1 ? "1 file" : $"{count} files";
}
