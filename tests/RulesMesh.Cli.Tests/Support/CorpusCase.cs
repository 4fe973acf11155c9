namespace RulesMesh.Cli.Tests.Support;

/// <summary>
/// One case of the hostile-input corpus (docs: tests/RulesMesh.Cli.Tests/Corpus/README.md): <c>Corpus/&lt;area&gt;/&lt;case&gt;.yaml</c>,
/// its comments (<c># args:</c> on the first line, <c># command: capture</c> on any line, <c># generate: &lt;generator&gt; [size]</c>
/// among the leading comments)
/// and the exit code and standard error written by hand in <c>&lt;case&gt;.expected</c>.
/// </summary>
internal sealed record CorpusCase(string Area, string Name)
{
    /// <summary>The corpus in the source tree, so that a new case needs no project change.</summary>
    public static string Root { get; } = Path.Combine(FindRepositoryRoot(), "tests", "RulesMesh.Cli.Tests", "Corpus");

    /// <summary><c>&lt;area&gt;/&lt;case&gt;</c> of every case, in ordinal order.</summary>
    public static IEnumerable<string> All()
        => Directory.EnumerateFiles(Root, "*.yaml", SearchOption.AllDirectories)
            .Select(static path => Path.GetRelativePath(Root, path)[..^".yaml".Length].Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);

    /// <summary>The case named <c>&lt;area&gt;/&lt;case&gt;</c>.</summary>
    public static CorpusCase Named(string id) => new(id[..id.LastIndexOf('/')], id[(id.LastIndexOf('/') + 1)..]);

    public string Folder => Path.Combine(Root, Area.Replace('/', Path.DirectorySeparatorChar));

    public string InputPath => Path.Combine(Folder, Name + ".yaml");

    /// <summary><c>exit: &lt;code&gt;</c>, then the lines expected on standard error.</summary>
    public string Expected => NormalisedLines(File.ReadAllText(Path.Combine(Folder, Name + ".expected")));

    public bool IsCapture => File.ReadLines(InputPath).Contains("# command: capture");

    /// <summary>The extra arguments of the <c># args:</c> first line, added after the input path.</summary>
    public IReadOnlyList<string> ExtraArguments
        => HeaderLines is [var first, ..] && first.StartsWith(ArgsPrefix, StringComparison.Ordinal)
            ? first[ArgsPrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];

    /// <summary>The <c># generate:</c> line's generator and its arguments, when the input is made in code.</summary>
    public string[]? Generator
        => HeaderLines.FirstOrDefault(static line => line.StartsWith(GeneratePrefix, StringComparison.Ordinal)) is { } line
            ? line[GeneratePrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : null;

    /// <summary>The command line, with <paramref name="inputPath"/> where the case file goes.</summary>
    public string[] Arguments(string inputPath, string format = "json")
        => [.. IsCapture ? ["capture", inputPath] : new[] { "translate", "--format", format, inputPath }, .. ExtraArguments];

    /// <summary>Whether standard output must be a JSON document for <paramref name="exitCode"/>.</summary>
    public bool PrintsJson(int exitCode)
        => !IsCapture && exitCode is 0 or 1 && !ExtraArguments.Any(static a => a.StartsWith("--output", StringComparison.Ordinal) || a.StartsWith("--format", StringComparison.Ordinal));

    /// <summary>
    /// Runs the case in process. The input is passed by its absolute path (the generated one in a fresh folder), and that
    /// path's folder is cut from standard error, so messages read as if run in the case's folder with <c>&lt;case&gt;.yaml</c>.
    /// </summary>
    public CorpusOutcome Run(string format = "json")
    {
        if (Generator is not { } generator)
        {
            return Run(InputPath, format);
        }

        using var folder = new TemporaryDirectory();
        var input = Path.Combine(folder.Path, Name + ".yaml");
        CorpusGenerators.Write(input, generator);
        return Run(input, format);
    }

    private CorpusOutcome Run(string input, string format)
    {
        var run = CliRun.Of(Arguments(input, format));
        var folder = Path.GetDirectoryName(input)! + Path.DirectorySeparatorChar;
        var error = NormalisedLines(run.Error.Replace(folder, string.Empty, StringComparison.Ordinal));
        return new CorpusOutcome(run.ExitCode, NormalisedLines($"exit: {run.ExitCode}\n{error}"), run.Output);
    }

    private IReadOnlyList<string> HeaderLines
        => File.ReadLines(InputPath).TakeWhile(static line => line.StartsWith('#')).ToList();

    private static string NormalisedLines(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n');

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RulesMesh.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No RulesMesh.sln above {AppContext.BaseDirectory}.");
    }

    private const string ArgsPrefix = "# args: ";
    private const string GeneratePrefix = "# generate: ";
}

/// <summary>What a corpus case's run gave: <see cref="Report"/> is in the <c>.expected</c> file's form.</summary>
internal sealed record CorpusOutcome(int ExitCode, string Report, string Output);
