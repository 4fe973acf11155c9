using RulesMesh.Synthetic;
using RulesMesh.Tests.Support;

namespace RulesMesh.Tests.Constraints;

/// <summary>
/// Nothing invalid reaches Envoy: what both profiles make of every input the tests and samples hold, of kgateway's golden
/// inputs and of a generated kgateway mesh (routes with weighted backends, AuthorizationPolicies, DestinationRules with
/// failover) breaks none of the rules Envoy's protos declare, which Envoy checks before it accepts a resource.
/// </summary>
public sealed class TranslatedResourcesMeetEnvoyRulesTests
{
    private readonly EnvoyRuleCheck _check = new();

    public static TheoryData<string> Corpus => new(EnvoyRuleCheck.CorpusFiles().Select(static f => Path.GetRelativePath(RepositoryPaths.Root, f)));

    [Fact]
    public void TheCorpusHoldsTheTestsSamplesAndGoldenInputs()
        => Assert.True(EnvoyRuleCheck.CorpusFiles().Count > 100, $"{EnvoyRuleCheck.CorpusFiles().Count} files");

    [Theory]
    [MemberData(nameof(Corpus))]
    public void EveryResourceTranslatedFromTheInputMeetsEnvoysRules(string file)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, file));
        var load = _check.Load(File.ReadAllText(path), path);
        Assert.Empty(_check.Violations(load));
    }

    [Fact]
    public void EveryResourceTranslatedFromAGeneratedMeshMeetsEnvoysRules()
    {
        var objects = SyntheticMesh.Build(new SyntheticMeshOptions { Services = 60, ServiceEntries = 60, Workloads = 300, Waypoints = 3 });
        // The generated waypoints are kgateway's (class kgateway-waypoint); the istio profile serves none of them.
        var snapshot = new WaypointTranslator(WaypointPipelines.Create("kgateway")).Translate(new RulesMesh.Store.ResourceStore(objects));

        Assert.True(snapshot.Routes.Count > 0 && snapshot.Listeners.Count == 3, $"{snapshot.Clusters.Count} clusters, {snapshot.Listeners.Count} listeners, {snapshot.Routes.Count} routes");
        Assert.Empty(_check.Violations(snapshot));
    }
}
