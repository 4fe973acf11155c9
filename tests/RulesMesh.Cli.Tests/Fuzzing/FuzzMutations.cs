using System.Text;
using CsCheck;

namespace RulesMesh.Cli.Tests.Fuzzing;

/// <summary>
/// Mutations of real inputs: one to five character flips (to YAML's structural and control characters), line deletions,
/// duplications and re-indentations, and a truncation, applied to one seed text.
/// </summary>
internal static class FuzzMutations
{
    private const string Flips = " \t\r\n\0:#-?&*!|>'\"[]{},%@`\\\u0085\u2028\uFEFFa0";

    /// <summary>A mutated copy of one of <paramref name="seeds"/>.</summary>
    public static Gen<string> Of(IReadOnlyList<string> seeds)
        => Gen.Int[0, seeds.Count - 1].SelectMany(index => Mutation.Array[1, 5].Select(mutations =>
            mutations.Aggregate(seeds[index], static (text, mutate) => mutate(text))));

    private static readonly Gen<Func<string, string>> Mutation = Gen.Frequency(
        (4, Gen.Select(Gen.Double[0, 1], Gen.Int[0, Flips.Length - 1], static (at, flip) => (Func<string, string>)(text => FlipCharacter(text, at, Flips[flip])))),
        (2, Gen.Double[0, 1].Select(static at => (Func<string, string>)(text => EditLine(text, at, static (lines, i) => lines.RemoveAt(i))))),
        (2, Gen.Double[0, 1].Select(static at => (Func<string, string>)(text => EditLine(text, at, static (lines, i) => lines.Insert(i, lines[i]))))),
        (2, Gen.Select(Gen.Double[0, 1], Gen.Int[-4, 4], static (at, shift) => (Func<string, string>)(text => EditLine(text, at, (lines, i) => lines[i] = Indent(lines[i], shift))))),
        (1, Gen.Double[0, 1].Select(static at => (Func<string, string>)(text => text[..(int)(at * text.Length)]))));

    private static string FlipCharacter(string text, double at, char flip)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text);
        builder[Math.Min((int)(at * text.Length), text.Length - 1)] = flip;
        return builder.ToString();
    }

    private static string EditLine(string text, double at, Action<List<string>, int> edit)
    {
        var lines = text.Split('\n').ToList();
        edit(lines, Math.Min((int)(at * lines.Count), lines.Count - 1));
        return string.Join('\n', lines);
    }

    private static string Indent(string line, int shift)
        => shift >= 0 ? new string(' ', shift) + line : line[Math.Min(-shift, line.Length - line.TrimStart(' ').Length)..];
}
