using k8s.Models;
using RulesMesh.Mesh;
using RulesMesh.Rules;
using RulesMesh.Generators.Tests.Infrastructure;

namespace RulesMesh.Generators.Tests.Rules;

/// <summary>The rules generator compiles local and referenced rules into per-profile pipelines of direct calls.</summary>
public sealed class RulePipelineGenerationTests
{
    private const string ConsumerRules = """
        using RulesMesh.Rules;
        using RulesMesh.Rules.Declarative;

        namespace Consumer.Rules;

        [Rule("example.capture.se-label", Stage = RuleStage.Capture, Order = 50, Description = "ServiceEntries labelled example.com/waypoint use that waypoint.")]
        [AppliesTo("networking.istio.io", "ServiceEntry", Label = "example.com/waypoint")]
        [UseWaypointLabel("example.com/waypoint", NamespaceLabel = "example.com/waypoint-namespace")]
        public sealed partial class ServiceEntryWaypointLabel;

        [Rule("example.naming.short", Stage = RuleStage.Naming, Order = 10, Profile = "kgateway", Replaces = "kgateway.naming.service-cluster")]
        [AppliesTo("", "Service")]
        public sealed class ShortServiceClusterName : IClusterNameRule
        {
            public string? ClusterName(RulesMesh.Mesh.BackendTarget target, RuleContext context) => "svc-" + target.Service.Name + "-" + target.Port;
        }
        """;

    [Fact]
    public void Local_and_referenced_rules_compile_into_one_ordered_pipeline_per_profile()
    {
        var result = RulesGeneratorHarness.Run(ConsumerRules);
        Assert.Empty(result.GeneratorDiagnostics);
        var assembly = RulesGeneratorHarness.Load(result.Output);

        var kgateway = RulesGeneratorHarness.Pipeline(assembly, "kgateway");
        var names = kgateway.Rules.Select(r => r.Name).ToList();

        // Referenced built-in rules and the consumer's rules, by stage then order.
        Assert.True(names.IndexOf("kgateway.waypoint.class") < names.IndexOf("example.capture.se-label"));
        Assert.True(names.IndexOf("example.capture.se-label") < names.IndexOf("waypoint.capture.object-label"));
        Assert.Contains("example.naming.short", names);
        Assert.DoesNotContain("kgateway.naming.service-cluster", names);
        Assert.Equal("kgateway.naming.service-cluster", kgateway.Rules.Single(r => r.Name == "example.naming.short").Replaced);
        Assert.All(kgateway.Rules.Zip(kgateway.Rules.Skip(1)), pair => Assert.True((pair.First.Stage, pair.First.Order).CompareTo((pair.Second.Stage, pair.Second.Order)) <= 0));
    }

    [Fact]
    public void A_replacement_applies_only_in_profiles_where_both_rules_are_active()
    {
        var assembly = RulesGeneratorHarness.Load(RulesGeneratorHarness.Run(ConsumerRules).Output);

        var istio = RulesGeneratorHarness.Pipeline(assembly, "istio");

        Assert.DoesNotContain("example.naming.short", istio.Rules.Select(r => r.Name));
        Assert.Contains("istio.naming.outbound-cluster", istio.Rules.Select(r => r.Name));
        Assert.Contains("example.capture.se-label", istio.Rules.Select(r => r.Name));
    }

    [Fact]
    public void Generated_pipeline_runs_the_consumers_rules()
    {
        var assembly = RulesGeneratorHarness.Load(RulesGeneratorHarness.Run(ConsumerRules).Output);
        var pipeline = RulesGeneratorHarness.Pipeline(assembly, "kgateway");
        var context = new RuleContext(new EngineSettings(), new Dictionary<string, V1Namespace>());

        var serviceName = pipeline.ClusterName(new BackendTarget(new ObjectKey("", "Service", "shop", "catalog"), 8080, "catalog.shop.svc.cluster.local"), context);
        var entryName = pipeline.ClusterName(new BackendTarget(new ObjectKey("networking.istio.io", "ServiceEntry", "shop", "api"), 443, "api.example.com"), context);
        var labelled = Service("networking.istio.io", "ServiceEntry", new() { ["example.com/waypoint"] = "egress", ["example.com/waypoint-namespace"] = "infra" });
        var decision = pipeline.EvaluateCapture(labelled, context);

        Assert.Equal("svc-catalog-8080", serviceName);
        Assert.Equal("istio-se_shop_api_api.example.com_443", entryName);
        Assert.Equal(new NamespacedName("infra", "egress"), decision.Waypoint);
        Assert.Equal("example.capture.se-label", decision.DecidingRule);
    }

    [Fact]
    public void A_rule_that_does_not_apply_is_recorded_as_skipped_and_later_rules_decide()
    {
        var assembly = RulesGeneratorHarness.Load(RulesGeneratorHarness.Run(ConsumerRules).Output);
        var pipeline = RulesGeneratorHarness.Pipeline(assembly, "kgateway");
        var context = new RuleContext(new EngineSettings(), new Dictionary<string, V1Namespace>());

        var decision = pipeline.EvaluateCapture(Service("", "Service", new() { ["istio.io/use-waypoint"] = "none" }), context);

        Assert.False(decision.IsCaptured);
        Assert.Equal("waypoint.capture.object-label", decision.DecidingRule);
        Assert.Equal("NotApplicable", decision.Trace.Single(t => t.Rule == "example.capture.se-label").Outcome);
    }

    [Fact]
    public void A_rule_the_generator_cannot_call_is_left_out_without_breaking_the_build()
    {
        var source = ConsumerRules + """

            [Rule("example.broken", Stage = RuleStage.Naming, Order = 99)]
            public abstract class Broken : IClusterNameRule
            {
                public abstract string? ClusterName(RulesMesh.Mesh.BackendTarget target, RuleContext context);
            }
            """;

        var result = RulesGeneratorHarness.Run(source);

        Assert.Empty(result.CompileErrors);
        Assert.Null(result.Run.Results.Single().Exception);
        Assert.DoesNotContain("example.broken", result.Source("RulePipelines.g.cs"));
    }

    [Fact]
    public void A_rule_whose_applies_to_cannot_be_evaluated_is_left_out_rather_than_applied_to_everything()
    {
        var source = ConsumerRules + """

            [Rule("example.unresolved", Stage = RuleStage.Naming, Order = 98)]
            [AppliesTo(NotGeneratedYet.Group, "Widget")]
            public sealed class Unresolved : IClusterNameRule
            {
                public string? ClusterName(RulesMesh.Mesh.BackendTarget target, RuleContext context) => "everything";
            }
            """;

        var result = RulesGeneratorHarness.Run(source);

        Assert.Null(result.Run.Results.Single().Exception);
        Assert.DoesNotContain("example.unresolved", result.Source("RulePipelines.g.cs"));
    }

    [Fact]
    public void Every_rule_of_a_void_stage_contract_runs_in_order()
    {
        var source = ConsumerRules + """

            [Rule("example.policy.first", Stage = RuleStage.Policy, Order = 1)]
            public sealed class FirstPolicy : RulesMesh.Translation.Policy.IBackendPolicyRule
            {
                public void ApplyBackendPolicy(RulesMesh.Translation.Backends.BackendPolicyRequest request, RulesMesh.Translation.TranslationContext context)
                    => request.Cluster.Name += "-first";
            }

            [Rule("example.policy.second", Stage = RuleStage.Policy, Order = 2)]
            public sealed class SecondPolicy : RulesMesh.Translation.Policy.IBackendPolicyRule
            {
                public void ApplyBackendPolicy(RulesMesh.Translation.Backends.BackendPolicyRequest request, RulesMesh.Translation.TranslationContext context)
                    => request.Cluster.Name += "-second";
            }
            """;

        var assembly = RulesGeneratorHarness.Load(RulesGeneratorHarness.Run(source).Output);
        var pipeline = RulesGeneratorHarness.Pipeline(assembly, "kgateway");
        var service = Service("", "Service", []);
        var backend = new RulesMesh.Translation.Backends.BackendObject(service, new ServicePort("http", 80, 0, "http"), "thing.shop.svc.cluster.local", "kube_shop_thing_80", []);
        var cluster = new Envoy.Config.Cluster.V3.Cluster { Name = "c" };

        pipeline.ApplyBackendPolicy(new RulesMesh.Translation.Backends.BackendPolicyRequest(backend, cluster, null), null!);

        Assert.Equal("c-first-second", cluster.Name);
    }

    [Fact]
    public void Public_rules_are_exported_in_the_assembly_manifest()
    {
        var result = RulesGeneratorHarness.Run(ConsumerRules);

        var manifest = result.Source("RuleManifest.g.cs");

        Assert.Contains("typeof(global::Consumer.Rules.ServiceEntryWaypointLabel)", manifest);
        Assert.Contains("typeof(global::Consumer.Rules.ShortServiceClusterName)", manifest);
    }

    private static MeshService Service(string group, string kind, Dictionary<string, string> labels)
        => new(new ObjectKey(group, kind, "shop", "thing"), new V1Service { Metadata = new V1ObjectMeta { Name = "thing", NamespaceProperty = "shop", Labels = labels } }, labels, [], ["10.0.0.1"], [], []);
}
