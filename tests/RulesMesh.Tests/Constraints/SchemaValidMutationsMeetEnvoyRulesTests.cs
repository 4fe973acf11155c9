using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RulesMesh.Loading;
using RulesMesh.Tests.Support;

namespace RulesMesh.Tests.Constraints;

/// <summary>
/// Inputs the schema and validation accept but Envoy would refuse must not reach Envoy: every string and number under
/// <c>spec</c> of the corpus's documents is replaced, one at a time, by values at the edges of what schemas allow (empty,
/// CR/LF/NUL, long, upper case, spaces, wildcards, zero, negative, past 32 bits); where the input is still accepted,
/// what both profiles make of it must break none of Envoy's proto rules. Each field (kind and path, list indexes
/// aside) is mutated in the first corpus file that has it and that translate accepts whole.
/// </summary>
public sealed partial class SchemaValidMutationsMeetEnvoyRulesTests
{
    private static readonly JsonNode[] Strings =
    [
        "", "a\nb", "a\rb", "a\u0000b", "\t", " x", "A B", "*", ".", "-", "%", "(", "\\", "a:b", "é/ü", new string('x', 300),
    ];

    private static readonly JsonNode[] Numbers = [0, 1, -1, 65536, 2147483648L, 4294967295L];

    [Fact]
    public void NoAcceptedMutationOfTheCorpusMakesAResourceEnvoyRefuses()
    {
        var check = new EnvoyRuleCheck();
        var mutatedFields = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<string>();
        var translated = 0;
        foreach (var file in EnvoyRuleCheck.CorpusFiles())
        {
            var text = File.ReadAllText(file);
            var documents = check.Load(text, file).Diagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error) ? null : Documents(text);
            if (documents is null)
            {
                continue;
            }

            for (var i = 0; i < documents.Count; i++)
            {
                if (documents[i] is not JsonObject { } document || document["spec"] is not { } spec)
                {
                    continue;
                }

                var kind = (string?)document["kind"];
                foreach (var (leaf, path) in Leaves(spec, ".spec").ToList())
                {
                    if (!mutatedFields.Add($"{kind} {ListIndex().Replace(path, "[]")}"))
                    {
                        continue;
                    }

                    foreach (var value in leaf.GetValueKind() == System.Text.Json.JsonValueKind.String ? Strings : leaf.GetValueKind() == System.Text.Json.JsonValueKind.Number ? Numbers : [])
                    {
                        var mutated = documents.Select(static d => d?.DeepClone()).ToList();
                        Replace(mutated[i]!, path, value.DeepClone());
                        var load = check.Load(string.Join("\n---\n", mutated.OfType<JsonNode>().Select(static d => d.ToJsonString())), "mutated.yaml");
                        if (load.Diagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error))
                        {
                            continue;
                        }

                        translated++;
                        failures.AddRange(check.Violations(load).Select(v => $"{Path.GetRelativePath(RepositoryPaths.Root, file)} {kind} {path} = {value.ToJsonString()}: {v}"));
                    }
                }
            }
        }

        Assert.True(translated > 1000, $"only {translated} mutations were accepted and translated");
        Assert.Empty(failures);
    }

    /// <summary>The documents of an accepted file as JSON; null when one has no kind (not a manifest).</summary>
    private static List<JsonNode?>? Documents(string text)
    {
        var documents = DocumentSeparator().Split(text).Where(static d => !string.IsNullOrWhiteSpace(CommentLine().Replace(d, string.Empty))).Select(StrictYamlJsonReader.Read).ToList();
        return documents.All(static d => d is null || d["kind"] is not null) ? documents : null;
    }

    private static IEnumerable<(JsonNode Leaf, string Path)> Leaves(JsonNode node, string path) => node switch
    {
        JsonObject o => o.Where(static p => p.Value is not null).SelectMany(p => Leaves(p.Value!, $"{path}.{p.Key}")),
        JsonArray a => a.Select((item, index) => (item, index)).Where(static x => x.item is not null).SelectMany(x => Leaves(x.item!, $"{path}[{x.index}]")),
        _ => [(node, path)],
    };

    private static void Replace(JsonNode root, string path, JsonNode value)
    {
        var steps = Step().Matches(path).Select(static m => m.Groups[1].Success ? (object)m.Groups[1].Value : int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).ToList();
        var parent = steps.SkipLast(1).Aggregate(root, static (node, step) => step is string name ? node[name]! : node[(int)step]!);
        if (steps[^1] is string last)
        {
            parent[last] = value;
        }
        else
        {
            parent[(int)steps[^1]] = value;
        }
    }

    [GeneratedRegex(@"^---\s*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();

    [GeneratedRegex(@"^\s*#.*$", RegexOptions.Multiline)]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex ListIndex();

    [GeneratedRegex(@"\.([^.\[]+)|\[(\d+)\]")]
    private static partial Regex Step();
}
