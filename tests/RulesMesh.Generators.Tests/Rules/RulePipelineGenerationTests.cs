using System.Reflection;
using k8s.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RulesMesh.Capture;
using RulesMesh.Mesh;
using RulesMesh.Naming;
using RulesMesh.Rules;
using RulesMesh.ServiceModel;
using RulesMesh.Generators.Tests.Infrastructure;
using RulesMesh.Translation.Policy;

namespace RulesMesh.Generators.Tests.Rules;

/// <summary>The rules generator fills a declared [RulePipelines] class with per-profile pipelines of direct calls.</summary>
public sealed class RulePipelineGenerationTests
{
    private const string Declaration = """
        namespace Consumer;

        [RulesMesh.Rules.RulePipelines]
        public static partial class MeshPipelines;
        """;

    private const string ConsumerRules = """
        using RulesMesh.Naming;
        using RulesMesh.Rules;
        using RulesMesh.Rules.Declarative;

        namespace Consumer.Rules;

        [Rule("example.capture.se-label", Order = 50, Description = "ServiceEntries labelled example.com/waypoint use that waypoint.")]
        [AppliesTo("networking.istio.io", "ServiceEntry", Label = "example.com/waypoint")]
        [UseWaypointLabel("example.com/waypoint", NamespaceLabel = "example.com/waypoint-namespace")]
        public sealed partial class ServiceEntryWaypointLabel;

        [Rule("example.naming.short", Order = 10, Profile = "kgateway", Replaces = "kgateway.naming.service-cluster")]
        [AppliesTo("", "Service")]
        public sealed class ShortServiceClusterName : IClusterNameRule
        {
            public string? ClusterName(RulesMesh.Mesh.BackendTarget target, RuleContext context) => "svc-" + target.Service.Name + "-" + target.Port;
        }
        """;

    private static readonly RuleContext Context = new(new EngineSettings(), new Dictionary<string, V1Namespace>());

    [Fact]
    public void Local_and_referenced_rules_compile_into_one_ordered_pipeline_per_profile()
    {
        var result = RulesGeneratorHarness.Run(Declaration, ConsumerRules);
        Assert.Empty(result.GeneratorDiagnostics);
        var assembly = RulesGeneratorHarness.Load(result.Output);

        var kgateway = RulesGeneratorHarness.Pipeline(assembly, "kgateway");
        var names = kgateway.Rules.Select(r => r.Name).ToList();

        // Referenced built-in rules and the consumer's, ordered within their contract by Order.
        Assert.True(names.IndexOf("example.capture.se-label") < names.IndexOf("waypoint.capture.object-label"));
        Assert.Contains("example.naming.short", names);
        Assert.DoesNotContain("kgateway.naming.service-cluster", names);
        Assert.Equal("kgateway.naming.service-cluster", kgateway.Rules.Single(r => r.Name == "example.naming.short").Replaced);
        Assert.Equal("RulesMesh.Capture.IServiceCaptureRule", kgateway.Rules.Single(r => r.Name == "example.capture.se-label").Contract);
        Assert.Equal(RuleStage.Capture, kgateway.Rules.Single(r => r.Name == "example.capture.se-label").Stage);
    }

    [Fact]
    public void A_replacement_applies_only_in_profiles_where_both_rules_are_active()
    {
        var assembly = RulesGeneratorHarness.Load(RulesGeneratorHarness.Run(Declaration, ConsumerRules).Output);

        var istio = RulesGeneratorHarness.Pipeline(assembly, "istio");

        Assert.DoesNotContain("example.naming.short", istio.Rules.Select(r => r.Name));
        Assert.Contains("istio.naming.outbound-cluster", istio.Rules.Select(r => r.Name));
        Assert.Contains("example.capture.se-label", istio.Rules.Select(r => r.Name));
    }

    [Fact]
    public void A_rule_ordered_after_a_replaced_rule_runs_after_the_rule_that_replaces_it()
    {
        var source = ConsumerRules + """

            [Rule("example.policy.connect-timeout", After = "kgateway.policy.destination-rule")]
            public sealed class ConnectTimeout : RulesMesh.Translation.Policy.IBackendPolicyRule
            {
                public void ApplyBackendPolicy(RulesMesh.Translation.Policy.BackendPolicyRequest request, RulesMesh.Translation.TranslationContext context)
                {
                }
            }
            """;
        var assembly = RulesGeneratorHarness.Load(RulesGeneratorHarness.Run(Declaration, source).Output);

        // In istio, istio.policy.destination-rule replaces kgateway's: the rule runs after it, so its timeout wins.
        var istio = RulesGeneratorHarness.Pipeline(assembly, "istio").Rules.Select(r => r.Name).ToList();
        var kgateway = RulesGeneratorHarness.Pipeline(assembly, "kgateway").Rules.Select(r => r.Name).ToList();

        Assert.DoesNotContain("kgateway.policy.destination-rule", istio);
        Assert.True(istio.IndexOf("example.policy.connect-timeout") > istio.IndexOf("istio.policy.destination-rule"), string.Join(", ", istio));
        Assert.True(kgateway.IndexOf("example.policy.connect-timeout") > kgateway.IndexOf("kgateway.policy.destination-rule"), string.Join(", ", kgateway));

        // One rule is one entry of the rule table, whichever profile it runs in.
        Assert.Same(
            RulesGeneratorHarness.Pipeline(assembly, "istio").Rules.Single(r => r.Name == "example.policy.connect-timeout"),
            RulesGeneratorHarness.Pipeline(assembly, "kgateway").Rules.Single(r => r.Name == "example.policy.connect-timeout"));
    }

    [Fact]
    public void Two_local_rules_of_one_name_still_get_a_pipeline_with_the_first_declared()
    {
        var source = ConsumerRules + """

            [Rule("example.policy.twice")]
            public sealed class FirstTwice : RulesMesh.Translation.Policy.IBackendPolicyRule
            {
                public void ApplyBackendPolicy(RulesMesh.Translation.Policy.BackendPolicyRequest request, RulesMesh.Translation.TranslationContext context)
                {
                }
            }

            [Rule("example.policy.twice")]
            public sealed class SecondTwice : RulesMesh.Translation.Policy.IBackendPolicyRule
            {
                public void ApplyBackendPolicy(RulesMesh.Translation.Policy.BackendPolicyRequest request, RulesMesh.Translation.TranslationContext context)
                {
                }
            }
            """;

        // The analyzer reports the clash (RM1006); the generator must not fail over it.
        var result = RulesGeneratorHarness.Run(Declaration, source);
        Assert.Null(result.Run.Results.Single().Exception);
        var rule = Assert.Single(RulesGeneratorHarness.Pipeline(RulesGeneratorHarness.Load(result.Output), "kgateway").Rules, r => r.Name == "example.policy.twice");
        Assert.Equal("Consumer.Rules.FirstTwice", rule.TypeName);
    }

    [Fact]
    public void Generated_pipeline_runs_the_consumers_rules_through_their_stage_contracts()
    {
        var assembly = RulesGeneratorHarness.Load(RulesGeneratorHarness.Run(Declaration, ConsumerRules).Output);
        var pipeline = RulesGeneratorHarness.Pipeline(assembly, "kgateway");

        var naming = pipeline.Stage<IClusterNameRule>();
        var serviceName = naming.ClusterName(new BackendTarget(new ObjectKey("", "Service", "shop", "catalog"), 8080, "catalog.shop.svc.cluster.local"), Context);
        var entryName = naming.ClusterName(new BackendTarget(new ObjectKey("networking.istio.io", "ServiceEntry", "shop", "api"), 443, "api.example.com"), Context);
        var labelled = Service("networking.istio.io", "ServiceEntry", new() { ["example.com/waypoint"] = "egress", ["example.com/waypoint-namespace"] = "infra" });
        var decision = CaptureDecision.Decide(pipeline, labelled, Context);

        Assert.Equal("svc-catalog-8080", serviceName);
        Assert.Equal("istio-se_shop_api_api.example.com_443", entryName);
        Assert.Equal(new NamespacedName("infra", "egress"), decision.Waypoint);
        Assert.Equal("example.capture.se-label", decision.DecidingRule);
    }

    [Fact]
    public void The_service_model_stage_accepts_exactly_the_object_types_its_rules_take()
    {
        const string configMaps = """
            using k8s.Models;
            using RulesMesh.Mesh;
            using RulesMesh.Rules;
            using RulesMesh.ServiceModel;

            namespace Consumer;

            [Rule("example.service-model.config-map", Order = 300)]
            public sealed class ConfigMapServices : IServiceModelRule<V1ConfigMap>
            {
                public MeshService? Build(V1ConfigMap resource, RuleContext context) => null;
            }
            """;
        var builtIn = WaypointPipelines.Create("kgateway") as IDispatchedStage<IServiceModelRule<k8s.IKubernetesObject<V1ObjectMeta>>>;
        var result = RulesGeneratorHarness.Run(Declaration, configMaps);
        Assert.Empty(result.CompileErrors);
        var consumer = RulesGeneratorHarness.Pipeline(RulesGeneratorHarness.Load(result.Output), "kgateway") as IDispatchedStage<IServiceModelRule<k8s.IKubernetesObject<V1ObjectMeta>>>;

        Assert.NotNull(builtIn);
        Assert.True(builtIn.Accepts(typeof(V1Service)));
        Assert.True(builtIn.Accepts(typeof(RulesMesh.Models.NetworkingIstioIo.V1.ServiceEntry)));
        Assert.False(builtIn.Accepts(typeof(V1Pod)));
        Assert.False(builtIn.Accepts(typeof(V1ConfigMap)));
        Assert.NotNull(consumer);
        Assert.True(consumer.Accepts(typeof(V1ConfigMap)));
        Assert.True(consumer.Accepts(typeof(V1Service)));
        Assert.False(consumer.Accepts(typeof(V1Pod)));
    }

    [Fact]
    public void Two_services_a_naming_rule_gives_one_cluster_name_are_reported_with_the_one_served()
    {
        // The audit's mistake: a name without the service's own name, so catalog and catalog-v2 on port 8080 meet.
        const string colliding = """
            using RulesMesh.Naming;
            using RulesMesh.Rules;

            namespace Consumer;

            [Rule("example.naming.per-port", Profile = "kgateway", Replaces = "kgateway.naming.service-cluster")]
            [AppliesTo("", "Service")]
            public sealed class PerPortClusterName : IClusterNameRule
            {
                public string? ClusterName(RulesMesh.Mesh.BackendTarget target, RuleContext context) => $"svc_{target.Service.Namespace}_{target.Port}";
            }
            """;
        const string mesh = """
            apiVersion: v1
            kind: Namespace
            metadata: { name: shop, labels: { istio.io/use-waypoint: waypoint } }
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: { name: waypoint, namespace: shop }
            spec:
              gatewayClassName: kgateway-waypoint
              listeners: [{ name: proxy, port: 15088, protocol: istio.io/PROXY }]
            ---
            apiVersion: v1
            kind: Service
            metadata: { name: catalog, namespace: shop }
            spec: { clusterIP: 10.96.0.10, selector: { app: catalog }, ports: [{ name: http, port: 8080 }] }
            ---
            apiVersion: v1
            kind: Service
            metadata: { name: catalog-v2, namespace: shop }
            spec: { clusterIP: 10.96.0.11, selector: { app: catalog-v2 }, ports: [{ name: http, port: 8080 }] }
            ---
            apiVersion: v1
            kind: Pod
            metadata: { name: catalog-1, namespace: shop, labels: { app: catalog } }
            spec: { containers: [{ name: app, image: catalog }] }
            status: { podIP: 10.244.1.11, conditions: [{ type: Ready, status: "True" }] }
            ---
            apiVersion: v1
            kind: Pod
            metadata: { name: catalog-v2-1, namespace: shop, labels: { app: catalog-v2 } }
            spec: { containers: [{ name: app, image: catalog }] }
            status: { podIP: 10.244.2.13, conditions: [{ type: Ready, status: "True" }] }
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: { name: catalog-1, namespace: shop, labels: { kubernetes.io/service-name: catalog } }
            addressType: IPv4
            ports: [{ name: http, port: 8080 }]
            endpoints: [{ addresses: [10.244.1.11], conditions: { ready: true }, targetRef: { kind: Pod, name: catalog-1, namespace: shop } }]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: { name: catalog-v2-1, namespace: shop, labels: { kubernetes.io/service-name: catalog-v2 } }
            addressType: IPv4
            ports: [{ name: http, port: 8080 }]
            endpoints: [{ addresses: [10.244.2.13], conditions: { ready: true }, targetRef: { kind: Pod, name: catalog-v2-1, namespace: shop } }]
            """;
        var result = RulesGeneratorHarness.Run(Declaration, colliding);
        Assert.Empty(result.CompileErrors);
        var pipeline = RulesGeneratorHarness.Pipeline(RulesGeneratorHarness.Load(result.Output), "kgateway");
        var load = new RulesMesh.Loading.ManifestLoader().LoadText(mesh, "mesh.yaml");
        Assert.False(load.HasErrors);

        var snapshot = new WaypointTranslator(pipeline).Translate(load);

        var warning = Assert.Single(snapshot.Warnings, static w => w.Subject == "cluster svc_shop_8080");
        Assert.StartsWith("given by Service shop/catalog and, with other contents or endpoints, by Service shop/catalog-v2; only Service shop/catalog's is served", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_that_does_not_apply_is_recorded_as_skipped_and_later_rules_decide()
    {
        var assembly = RulesGeneratorHarness.Load(RulesGeneratorHarness.Run(Declaration, ConsumerRules).Output);
        var pipeline = RulesGeneratorHarness.Pipeline(assembly, "kgateway");

        var decision = CaptureDecision.Decide(pipeline, Service("", "Service", new() { ["istio.io/use-waypoint"] = "none" }), Context);

        Assert.False(decision.IsCaptured);
        Assert.Equal("waypoint.capture.object-label", decision.DecidingRule);
        Assert.Equal("NotApplicable", decision.Trace.Single(t => t.Rule == "example.capture.se-label").Outcome);
    }

    [Fact]
    public void A_project_without_a_pipelines_declaration_gets_no_pipeline_but_still_exports_its_rules()
    {
        var result = RulesGeneratorHarness.Run(ConsumerRules);

        Assert.Empty(result.CompileErrors);
        Assert.DoesNotContain(result.Run.Results.Single().GeneratedSources, s => s.HintName.Contains("Pipelines", StringComparison.Ordinal));
        Assert.Contains("typeof(global::Consumer.Rules.ShortServiceClusterName)", result.Source("RuleManifest.g.cs"));
    }

    [Fact]
    public void An_unknown_profile_is_refused_with_the_known_ones()
    {
        var assembly = RulesGeneratorHarness.Load(RulesGeneratorHarness.Run(Declaration, ConsumerRules).Output);

        var error = Assert.Throws<TargetInvocationException>(() => RulesGeneratorHarness.Pipeline(assembly, "linkerd"));

        var argument = Assert.IsType<ArgumentException>(error.InnerException);
        Assert.Contains("Unknown profile 'linkerd'. Known profiles: istio, kgateway.", argument.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_consumer_defined_stage_contract_is_implemented_by_the_pipeline_and_callable_from_the_consumers_code()
    {
        const string greeting = """
            using RulesMesh.Rules;

            namespace Consumer;

            [StageContract(RuleStage.Routes)]
            public interface IGreetingRule
            {
                string? Greet(string name);
            }

            [Rule("example.greeting.formal", Order = 20)]
            public sealed class FormalGreeting : IGreetingRule
            {
                public string? Greet(string name) => "Good day, " + name;
            }

            [Rule("example.greeting.friends", Order = 30, Before = "example.greeting.formal")]
            public sealed class FriendlyGreeting : IGreetingRule
            {
                public string? Greet(string name) => name == "ada" ? "Hi Ada" : null;
            }

            public static class Greeter
            {
                public static string? Greet(RulePipeline pipeline, string name) => pipeline.Stage<IGreetingRule>().Greet(name);
            }
            """;
        var result = RulesGeneratorHarness.Run(Declaration, greeting);
        Assert.Empty(result.CompileErrors);
        var assembly = RulesGeneratorHarness.Load(result.Output);
        var pipeline = RulesGeneratorHarness.Pipeline(assembly, "kgateway");
        var greet = assembly.GetType("Consumer.Greeter", throwOnError: true)!.GetMethod("Greet")!;

        Assert.Equal("Hi Ada", greet.Invoke(null, [pipeline, "ada"]));
        Assert.Equal("Good day, Grace", greet.Invoke(null, [pipeline, "Grace"]));
        Assert.Equal(["example.greeting.friends", "example.greeting.formal"], pipeline.Rules.Where(r => r.Contract == "Consumer.IGreetingRule").Select(r => r.Name));
        Assert.Contains("[assembly: global::RulesMesh.Rules.StageContractManifest(typeof(global::Consumer.IGreetingRule))]", result.Source("RuleManifest.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Asking_a_pipeline_for_a_contract_it_does_not_implement_names_the_contract()
    {
        var assembly = RulesGeneratorHarness.Load(RulesGeneratorHarness.Run(Declaration, ConsumerRules).Output);
        var pipeline = RulesGeneratorHarness.Pipeline(assembly, "kgateway");

        var error = Assert.Throws<InvalidOperationException>(() => pipeline.Stage<IDisposable>());

        Assert.Contains("does not implement System.IDisposable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_the_generator_cannot_call_is_left_out_without_breaking_the_build()
    {
        var source = ConsumerRules + """

            [Rule("example.broken", Order = 99)]
            public abstract class Broken : IClusterNameRule
            {
                public abstract string? ClusterName(RulesMesh.Mesh.BackendTarget target, RuleContext context);
            }
            """;

        var result = RulesGeneratorHarness.Run(Declaration, source);

        Assert.Empty(result.CompileErrors);
        Assert.Null(result.Run.Results.Single().Exception);
        Assert.DoesNotContain("example.broken", result.Source("Consumer.MeshPipelines.g.cs"));
    }

    [Fact]
    public void A_rule_whose_applies_to_cannot_be_evaluated_is_left_out_rather_than_applied_to_everything()
    {
        var source = ConsumerRules + """

            [Rule("example.unresolved", Order = 98)]
            [AppliesTo(NotGeneratedYet.Group, "Widget")]
            public sealed class Unresolved : IClusterNameRule
            {
                public string? ClusterName(RulesMesh.Mesh.BackendTarget target, RuleContext context) => "everything";
            }
            """;

        var result = RulesGeneratorHarness.Run(Declaration, source);

        Assert.Null(result.Run.Results.Single().Exception);
        Assert.DoesNotContain("example.unresolved", result.Source("Consumer.MeshPipelines.g.cs"));
    }

    [Fact]
    public void Every_rule_of_a_void_stage_contract_runs_in_order()
    {
        var source = ConsumerRules + """

            [Rule("example.policy.second")]
            public sealed class SecondPolicy : RulesMesh.Translation.Policy.IBackendPolicyRule
            {
                public void ApplyBackendPolicy(RulesMesh.Translation.Policy.BackendPolicyRequest request, RulesMesh.Translation.TranslationContext context)
                    => request.Cluster.Name += "-second";
            }

            [Rule("example.policy.first", Before = "example.policy.second")]
            public sealed class FirstPolicy : RulesMesh.Translation.Policy.IBackendPolicyRule
            {
                public void ApplyBackendPolicy(RulesMesh.Translation.Policy.BackendPolicyRequest request, RulesMesh.Translation.TranslationContext context)
                    => request.Cluster.Name += "-first";
            }
            """;

        var assembly = RulesGeneratorHarness.Load(RulesGeneratorHarness.Run(Declaration, source).Output);
        var pipeline = RulesGeneratorHarness.Pipeline(assembly, "kgateway");
        // A kind no built-in policy applies to, so only these two run (the built-ins need a translation context).
        var service = Service("example.com", "Widget", []);
        var backend = new RulesMesh.Translation.Backends.BackendObject(service, new ServicePort("http", 80, 0, "http"), "thing.shop.svc.cluster.local", "kube_shop_thing_80", []);
        var cluster = new Envoy.Config.Cluster.V3.Cluster { Name = "c" };

        pipeline.Stage<IBackendPolicyRule>().ApplyBackendPolicy(new RulesMesh.Translation.Policy.BackendPolicyRequest(backend, cluster, null), null!);

        Assert.Equal("c-first-second", cluster.Name);
    }

    [Fact]
    public void A_decorator_takes_the_built_in_rules_place_and_adjusts_its_result()
    {
        const string source = """
            using RulesMesh.Naming;
            using RulesMesh.Rules;

            namespace Consumer.Rules;

            [Rule("example.naming.suffix", Decorates = "kgateway.naming.service-cluster")]
            public sealed class Suffix : RuleDecorator<IClusterNameRule>, IClusterNameRule
            {
                public string? ClusterName(RulesMesh.Mesh.BackendTarget target, RuleContext context) => Decorated.ClusterName(target, context) + "-decorated";
            }
            """;

        var assembly = RulesGeneratorHarness.Load(RulesGeneratorHarness.Run(Declaration, source).Output);
        var kgateway = RulesGeneratorHarness.Pipeline(assembly, "kgateway");
        var naming = kgateway.Stage<IClusterNameRule>();

        // kgateway.naming.service-cluster names kube_<ns>_<name>_<port>; the decorator runs in its place, under its AppliesTo.
        Assert.Equal("kube_shop_catalog_8080-decorated", naming.ClusterName(new BackendTarget(new ObjectKey("", "Service", "shop", "catalog"), 8080, "catalog.shop.svc.cluster.local"), Context));
        Assert.Null(naming.ClusterName(new BackendTarget(new ObjectKey("example.com", "Widget", "shop", "w"), 1, "w"), Context));
        Assert.DoesNotContain("kgateway.naming.service-cluster", kgateway.Rules.Select(r => r.Name));
        var decorator = kgateway.Rules.Single(r => r.Name == "example.naming.suffix");
        Assert.Equal("kgateway.naming.service-cluster", decorator.Replaced);
        Assert.Equal(100, decorator.Order);

        // The decorated rule belongs to kgateway only; with nothing to wrap in istio, the decorator is not active there.
        Assert.DoesNotContain("example.naming.suffix", RulesGeneratorHarness.Pipeline(assembly, "istio").Rules.Select(r => r.Name));
    }

    private const string ExplicitRules = """
        using RulesMesh.Capture;
        using RulesMesh.Mesh;
        using RulesMesh.Naming;
        using RulesMesh.Rules;
        using RulesMesh.Translation;
        using RulesMesh.Translation.Routes;

        namespace Consumer.Rules;

        [Rule("example.naming.explicit", Before = "kgateway.naming.service-cluster")]
        [AppliesTo("", "Service")]
        public sealed class ExplicitName : IClusterNameRule
        {
            string? IClusterNameRule.ClusterName(BackendTarget target, RuleContext context) => "explicit-" + target.Service.Name;
        }

        [Rule("example.capture.explicit", Before = "waypoint.capture.object-label")]
        public sealed class ExplicitCapture : IServiceCaptureRule
        {
            CaptureVerdict IServiceCaptureRule.Evaluate(MeshService service, RuleContext context) => CaptureVerdict.Abstain("it never decides");
        }

        [Rule("example.routes.explicit-decorator", Decorates = "kgateway.routes.virtual-host")]
        public sealed class ExplicitDecorator : RuleDecorator<IVirtualHostRule>, IVirtualHostRule
        {
            Envoy.Config.Route.V3.VirtualHost? IVirtualHostRule.ServiceVirtualHost(VirtualHostRequest request, TranslationContext context)
                => Decorated.ServiceVirtualHost(request, context);
        }
        """;

    [Fact]
    public void Rules_implementing_their_contract_explicitly_compile_and_run_in_the_pipeline()
    {
        var result = RulesGeneratorHarness.Run(Declaration, ExplicitRules);
        Assert.Empty(result.CompileErrors.Select(e => e.ToString()));
        var pipeline = RulesGeneratorHarness.Pipeline(RulesGeneratorHarness.Load(result.Output), "kgateway");

        var name = pipeline.Stage<IClusterNameRule>().ClusterName(new BackendTarget(new ObjectKey("", "Service", "shop", "catalog"), 8080, "catalog.shop.svc.cluster.local"), Context);
        var decision = CaptureDecision.Decide(pipeline, Service("", "Service", new() { ["istio.io/use-waypoint"] = "none" }), Context);

        Assert.Equal("explicit-catalog", name);
        Assert.Equal("Abstain", decision.Trace.Single(t => t.Rule == "example.capture.explicit").Outcome);
        Assert.Contains("example.routes.explicit-decorator", pipeline.Rules.Select(r => r.Name));
    }

    [Fact]
    public void A_referenced_rule_implementing_its_contract_explicitly_is_called_through_the_contract()
    {
        const string library = """
            namespace Library;

            [RulesMesh.Rules.Rule("library.naming.explicit", Before = "kgateway.naming.service-cluster")]
            public sealed class ExplicitName : RulesMesh.Naming.IClusterNameRule
            {
                string? RulesMesh.Naming.IClusterNameRule.ClusterName(RulesMesh.Mesh.BackendTarget target, RulesMesh.Rules.RuleContext context) => "library-" + target.Service.Name;
            }
            """;
        var built = RulesGeneratorHarness.Run(library).Output;
        using var image = new MemoryStream();
        Assert.True(built.Emit(image).Success);

        var result = RulesGeneratorHarness.RunWith(MetadataReference.CreateFromImage(image.ToArray(), filePath: "Library.dll"), Declaration);
        // The library is not loadable beside the consumer here: that the consumer compiles is what this proves.
        Assert.Empty(result.CompileErrors.Select(e => e.ToString()));
        Assert.Contains(
            result.Run.Results.Single().GeneratedSources,
            s => s.SourceText.ToString().Contains("private readonly global::RulesMesh.Naming.IClusterNameRule explicitName = new global::Library.ExplicitName();", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pipelines_class_that_is_not_partial_gets_no_generated_part_to_clash_with()
    {
        const string declaration = """
            namespace Consumer;

            [RulesMesh.Rules.RulePipelines]
            public static class MeshPipelines;
            """;

        var result = RulesGeneratorHarness.Run(declaration, ConsumerRules);

        // RM1028 (the analyzer) says what to do; no generated part means no CS0260 pointing at generated code.
        Assert.DoesNotContain(result.Run.Results.Single().GeneratedSources, s => s.HintName.StartsWith("Consumer.MeshPipelines", StringComparison.Ordinal));
        Assert.Empty(result.CompileErrors.Select(e => e.ToString()));
    }

    [Fact]
    public void An_obsolete_rule_raises_no_obsolete_warning_in_generated_code()
    {
        const string source = """
            using System;
            using RulesMesh.Naming;
            using RulesMesh.Rules;

            namespace Consumer.Rules;

            [Obsolete("use example.naming.new")]
            [Rule("example.naming.old", Before = "kgateway.naming.service-cluster")]
            public sealed class OldName : IClusterNameRule
            {
                public string? ClusterName(RulesMesh.Mesh.BackendTarget target, RuleContext context) => null;
            }

            [Obsolete]
            [Rule("example.naming.older", Before = "example.naming.old")]
            public sealed class OlderName : IClusterNameRule
            {
                public string? ClusterName(RulesMesh.Mesh.BackendTarget target, RuleContext context) => null;
            }
            """;

        var result = RulesGeneratorHarness.Run(Declaration, source);

        Assert.Empty(result.Output.GetDiagnostics().Where(d => d.Id is "CS0612" or "CS0618").Select(d => d.ToString()));
        Assert.Empty(result.CompileErrors.Select(e => e.ToString()));
    }

    [Fact]
    public void Two_decorators_of_one_rule_wrap_each_other_lowest_order_innermost()
    {
        const string source = """
            using RulesMesh.Rules;

            namespace Consumer.Rules;

            [StageContract(RuleStage.Naming)]
            public interface ILabelRule
            {
                string? Label(string input);
            }

            [Rule("example.label.plain")]
            public sealed class Plain : ILabelRule
            {
                public string? Label(string input) => input;
            }

            [Rule("example.label.late", Order = 1)]
            public sealed class Late : ILabelRule
            {
                public string? Label(string input) => "late";
            }

            [Rule("example.label.outer", Order = 2, Decorates = "example.label.plain")]
            public sealed class Outer : RuleDecorator<ILabelRule>, ILabelRule
            {
                public string? Label(string input) => "<" + Decorated.Label(input) + ">";
            }

            [Rule("example.label.inner", Order = 1, Decorates = "example.label.plain")]
            public sealed class Inner : RuleDecorator<ILabelRule>, ILabelRule
            {
                public string? Label(string input) => "[" + Decorated.Label(input) + "]";
            }
            """;

        var result = RulesGeneratorHarness.Run(Declaration, source);
        Assert.Empty(result.CompileErrors);
        var assembly = RulesGeneratorHarness.Load(result.Output);
        var pipeline = RulesGeneratorHarness.Pipeline(assembly, "kgateway");
        var contract = assembly.GetType("Consumer.Rules.ILabelRule")!;
        var label = (string?)contract.GetMethod("Label")!.Invoke(pipeline, ["x"]);

        // Plain (Order 0) still runs before Late (Order 1), now as Outer(Inner(Plain)).
        Assert.Equal("<[x]>", label);
        Assert.Equal(["example.label.outer", "example.label.late"], pipeline.Rules.Where(r => r.Contract == "Consumer.Rules.ILabelRule").Select(r => r.Name));
    }

    [Fact]
    public void AppliesTo_can_limit_a_rule_to_one_namespace()
    {
        var source = ConsumerRules + """

            [Rule("example.naming.payments", Profile = "kgateway", Before = "example.naming.short")]
            [AppliesTo("", "Service", Namespace = "payments")]
            public sealed class PaymentsClusterName : IClusterNameRule
            {
                public string? ClusterName(RulesMesh.Mesh.BackendTarget target, RuleContext context) => "payments-" + target.Service.Name;
            }
            """;

        var assembly = RulesGeneratorHarness.Load(RulesGeneratorHarness.Run(Declaration, source).Output);
        var naming = RulesGeneratorHarness.Pipeline(assembly, "kgateway").Stage<IClusterNameRule>();

        Assert.Equal("payments-ledger", naming.ClusterName(new BackendTarget(new ObjectKey("", "Service", "payments", "ledger"), 80, "ledger.payments.svc.cluster.local"), Context));
        Assert.Equal("svc-ledger-80", naming.ClusterName(new BackendTarget(new ObjectKey("", "Service", "shop", "ledger"), 80, "ledger.shop.svc.cluster.local"), Context));
    }

    [Fact]
    public void Public_rules_are_exported_in_the_assembly_manifest()
    {
        var result = RulesGeneratorHarness.Run(Declaration, ConsumerRules);

        var manifest = result.Source("RuleManifest.g.cs");

        Assert.Contains("typeof(global::Consumer.Rules.ServiceEntryWaypointLabel)", manifest);
        Assert.Contains("typeof(global::Consumer.Rules.ShortServiceClusterName)", manifest);
    }

    [Fact]
    public void A_referenced_manifest_that_cannot_be_read_is_reported_and_its_entry_left_out()
    {
        const string broken = """
            [assembly: RulesMesh.Rules.RuleManifest(typeof(Broken.Naming), "rm5;only-two-fields")]
            [assembly: RulesMesh.Rules.RuleManifest(typeof(Broken.Naming), "rm1;an;old;format")]
            namespace Broken { public sealed class Naming { } }
            """;
        var library = CSharpCompilation.Create("BrokenRules", [CSharpSyntaxTree.ParseText(broken)], ModelGeneratorHarness.Compilation().References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);

        var result = RulesGeneratorHarness.RunWith(MetadataReference.CreateFromImage(image.ToArray(), filePath: "BrokenRules.dll"), Declaration, ConsumerRules);

        var diagnostics = result.GeneratorDiagnostics.Where(d => d.Id == "RM1009").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, diagnostics.Count);
        Assert.Contains(diagnostics, m => m.Contains("'BrokenRules'", StringComparison.Ordinal) && m.Contains("has 2 fields where 'rm5' has 14", StringComparison.Ordinal));
        Assert.Contains(diagnostics, m => m.Contains("written in format 'rm1'", StringComparison.Ordinal));
        Assert.Empty(result.CompileErrors);
    }

    [Fact]
    public void A_referenced_rule_whose_stage_contract_is_internal_is_reported_and_left_out()
    {
        const string library = """
            namespace Library;

            [RulesMesh.Rules.StageContract(RulesMesh.Rules.RuleStage.Policy)]
            internal interface IHiddenRule
            {
                string? Hidden(string input);
            }

            [RulesMesh.Rules.Rule("library.hidden")]
            public sealed class HiddenRule : IHiddenRule
            {
                public string? Hidden(string input) => input;
            }
            """;
        var built = RulesGeneratorHarness.Run(library).Output;
        using var image = new MemoryStream();
        Assert.True(built.Emit(image).Success);

        var result = RulesGeneratorHarness.RunWith(MetadataReference.CreateFromImage(image.ToArray(), filePath: "Library.dll"), Declaration, ConsumerRules);

        var warning = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "RM1011");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(
            "Rule 'library.hidden' implements stage contract 'Library.IHiddenRule', which this project cannot see (it is not public, or its assembly exports no stage contract manifest); the rule is left out of the pipelines of 'Consumer.MeshPipelines'",
            warning.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(result.Run.Results.Single().GeneratedSources, s => s.SourceText.ToString().Contains("library.hidden", StringComparison.Ordinal));
        Assert.Empty(result.CompileErrors);
    }

    [Fact]
    public void A_rule_of_a_local_contract_the_generator_cannot_implement_is_left_out_without_RM1011()
    {
        // RM1010 (the analyzer's) already says why the contract is refused; RM1011 would add a location-less warning that blames visibility.
        const string refused = """
            namespace Consumer;

            [RulesMesh.Rules.StageContract(RulesMesh.Rules.RuleStage.Naming)]
            public interface ICount
            {
                int Count(string input);
            }

            [RulesMesh.Rules.Rule("consumer.count")]
            public sealed class CountRule : ICount
            {
                public int Count(string input) => input.Length;
            }
            """;

        var result = RulesGeneratorHarness.Run(Declaration, refused);

        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "RM1011");
        Assert.DoesNotContain(
            result.Run.Results.Single().GeneratedSources,
            s => s.HintName.StartsWith("Consumer.MeshPipelines", StringComparison.Ordinal) && s.SourceText.ToString().Contains("consumer.count", StringComparison.Ordinal));
        Assert.Empty(result.CompileErrors);
    }

    private static MeshService Service(string group, string kind, Dictionary<string, string> labels)
        => new(new ObjectKey(group, kind, "shop", "thing"), new V1Service { Metadata = new V1ObjectMeta { Name = "thing", NamespaceProperty = "shop", Labels = labels } }, labels, [], ["10.0.0.1"], [], []);
}
