using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using RulesMesh.Loading;
using RulesMesh.Loading.CelLanguage;

namespace RulesMesh.Tests.Loading.CelLanguage;

/// <summary>
/// The rule compiler and the Cel package's interpreter, which enforced every rule before, give every rule of the
/// bundled schemas the same outcome: on random values shaped by the rule's schema node, and on the values real
/// documents give it, unchanged and mutated.
/// </summary>
public sealed class CelCompilerDifferentialTests
{
    private static readonly Lazy<Cel.CelEnvironment> Environment = new(KubernetesCelLibrary.Create);

    [Fact]
    public void Every_bundled_rule_but_transition_rules_is_compiled_rather_than_interpreted()
    {
        var interpreted = CelRuleCorpus.Rules.Where(site => Compiled(site).IsInterpreted).Select(site => site.ToString());

        Assert.Empty(interpreted);
        Assert.True(CelRuleCorpus.Rules.Count >= 120, $"only {CelRuleCorpus.Rules.Count} rules found in the bundled schemas");
    }

    [Fact]
    public void Compiled_and_interpreted_rules_agree_on_random_values_shaped_by_their_schema()
    {
        var mismatches = new List<(string, string, CelOutcome, CelOutcome)>();
        foreach (var site in CelRuleCorpus.Rules)
        {
            var (compiled, interpreted) = (Compiled(site), Interpreted(site));
            var schema = CelSchema.From(site.Node);
            Gen.Int.Sample(seed => Compare(site, compiled, interpreted, schema, new SchemaShapedJson(seed).Value(site.Node), mismatches), iter: 300, threads: 1);
        }

        Assert.True(mismatches.Count == 0, Report(mismatches));
    }

    [Fact]
    public void Compiled_and_interpreted_rules_agree_on_real_documents_and_their_mutations()
    {
        var real = CelRuleCorpus.RealValues();
        var mismatches = new List<(string, string, CelOutcome, CelOutcome)>();
        var compared = 0;
        foreach (var (node, value) in real)
        {
            var schema = CelSchema.From(node);
            foreach (var site in CelRuleCorpus.Rules.Where(site => ReferenceEquals(site.Node, node)))
            {
                var (compiled, interpreted) = (Compiled(site), Interpreted(site));
                Compare(site, compiled, interpreted, schema, value, mismatches);
                Gen.Int.Sample(seed => Compare(site, compiled, interpreted, schema, new SchemaShapedJson(seed).Mutate(node, value), mismatches), iter: 40, threads: 1);
                compared++;
            }
        }

        Assert.True(compared > 100, $"only {compared} rule sites met in real documents");
        Assert.True(mismatches.Count == 0, Report(mismatches));
    }

    // The first example of each rule and pair of outcomes.
    private static string Report(List<(string Site, string Value, CelOutcome Interpreted, CelOutcome Compiled)> mismatches)
        => string.Join(System.Environment.NewLine, mismatches
            .GroupBy(m => (m.Site, m.Interpreted, m.Compiled))
            .Select(g => $"{g.Count()}× {g.Key.Site}{System.Environment.NewLine}    self = {g.First().Value}{System.Environment.NewLine}    interpreted {g.Key.Interpreted}, compiled {g.Key.Compiled}")
            .Prepend($"{mismatches.Count} mismatches"));

    private static void Compare(CelRuleCorpus.RuleSite site, CelRule compiled, CelRule interpreted, CelSchema schema, JsonNode value, List<(string Site, string Value, CelOutcome Interpreted, CelOutcome Compiled)> mismatches)
    {
        var subject = new CelRuleSubject(JsonSerializer.SerializeToElement(value), schema, site.Node);
        var (expected, actual) = (interpreted.Evaluate(subject), compiled.Evaluate(subject));
        if (expected != actual)
        {
            mismatches.Add((site.ToString(), value.ToJsonString(), expected, actual));
        }
    }

    private static CelRule Compiled(CelRuleCorpus.RuleSite site)
        => CelRule.Compile(Environment, site.Definition, out var why) ?? throw new InvalidOperationException($"{site}: {why}");

    private static CelRule Interpreted(CelRuleCorpus.RuleSite site)
        => CelRule.Compile(Environment, site.Definition, out var why, interpretOnly: true) ?? throw new InvalidOperationException($"{site}: {why}");
}
