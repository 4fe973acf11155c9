using System.Text.RegularExpressions;

namespace RulesMesh.Cli.Tests.Support;

/// <summary>One in-process run of the rulesmesh command line: its exit code and what it wrote to each stream.</summary>
internal sealed partial record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs <paramref name="args"/> with output and error captured; <paramref name="standardInput"/> is what <c>-</c> reads.</summary>
    public static CliRun Of(string[] args, string? standardInput = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(standardInput ?? string.Empty);
        var exitCode = RulesMeshCommandLine.Run(args, output, error, input);
        return new CliRun(exitCode, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    /// <summary>Output and error, for assertion messages.</summary>
    public string Describe() => $"exit code {ExitCode}\n--- output ---\n{Output}\n--- error ---\n{Error}";

    /// <summary>The output's lines.</summary>
    public IReadOnlyList<string> Lines => Output.Split('\n');

    /// <summary>
    /// The rows of the table that follows the first line starting with <paramref name="heading"/> (without the header
    /// row), each split into its cells; explanation lines, which are indented deeper than the rows, are skipped.
    /// </summary>
    public IReadOnlyList<string[]> Table(string heading)
    {
        var lines = Lines.SkipWhile(line => !line.TrimStart().StartsWith(heading, StringComparison.Ordinal)).Skip(1).ToList();
        Assert.True(lines.Count > 0, $"No '{heading}' section.\n{Describe()}");
        var header = lines[0];
        var indent = header.Length - header.TrimStart().Length;
        return lines.Skip(1)
            .TakeWhile(line => line.Length == 0 || Indentation(line) >= indent)
            .Where(line => line.Length > 0 && Indentation(line) == indent)
            .Select(line => CellSeparator().Split(line.Trim()))
            .ToList();
    }

    /// <summary><c>KIND NAMESPACE/NAME</c> of each row of the table under <paramref name="heading"/>.</summary>
    public IReadOnlyList<string> Keys(string heading) => Table(heading).Select(static row => $"{row[0]} {row[1]}").ToList();

    private static int Indentation(string line) => line.Length - line.TrimStart().Length;

    [GeneratedRegex(" {2,}")]
    private static partial Regex CellSeparator();
}
