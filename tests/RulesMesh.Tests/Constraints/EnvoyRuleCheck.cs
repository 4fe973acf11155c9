using RulesMesh.Loading;
using RulesMesh.Rules;
using RulesMesh.Tests.Support;
using RulesMesh.Translation.Output;
using RulesMesh.Validation;
using RulesMesh.Xds.Constraints;

namespace RulesMesh.Tests.Constraints;

/// <summary>
/// Inputs read as <c>rulesmesh translate</c> reads them (schema, then the validation stage) and translated by both
/// profiles, with every resource checked against the rules Envoy's protos declare.
/// </summary>
internal sealed class EnvoyRuleCheck
{
    private static readonly string[] Profiles = ["kgateway", "istio"];

    private readonly ProtoConstraints _constraints = ProtoConstraints.ForEnvoy();
    private readonly RulePipeline _validation = WaypointPipelines.Create(WaypointPipelines.DefaultProfile);
    private readonly IReadOnlyList<(string Profile, WaypointTranslator Translator)> _translators =
        [.. Profiles.Select(static profile => (profile, new WaypointTranslator(WaypointPipelines.Create(profile))))];

    /// <summary>
    /// The corpus: every YAML input under <c>tests/</c> and <c>samples/</c>, and kgateway's golden inputs; not the
    /// goldens' outputs, nor the loader-limit cases (alias bombs this test's YAML reader would expand).
    /// </summary>
    public static IReadOnlyList<string> CorpusFiles()
    {
        var roots = new[] { Path.Combine(RepositoryPaths.Root, "tests"), RepositoryPaths.Samples, RepositoryPaths.KgatewayConformance };
        return [.. roots
            .Where(Directory.Exists)
            .SelectMany(static root => Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories))
            .Where(static file => !Segments(file).Any(static s => s is "bin" or "obj" or "output" or "limits") && !file.EndsWith("-out.yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The documents of <paramref name="text"/> as translate reads them: those refused are left out, with their errors.</summary>
    public LoadResult Load(string text, string name)
        => ObjectValidation.Apply(new ManifestLoader().LoadText(text, name), _validation);

    /// <summary>Every rule broken by a resource either profile makes of <paramref name="load"/>: profile, resource and field.</summary>
    public IEnumerable<string> Violations(LoadResult load)
    {
        foreach (var (profile, translator) in _translators)
        {
            var snapshot = translator.Translate(load);
            foreach (var violation in Violations(snapshot))
            {
                yield return $"{profile}: {violation}";
            }
        }
    }

    /// <summary>Every rule broken by a resource of <paramref name="snapshot"/>, with the resource's type and name.</summary>
    public IEnumerable<string> Violations(XdsSnapshot snapshot)
        => CheckedSnapshot.Of(snapshot, _constraints).Violations.Select(static v => v.ToString());

    private static string[] Segments(string path) => path.Split(Path.DirectorySeparatorChar);
}
