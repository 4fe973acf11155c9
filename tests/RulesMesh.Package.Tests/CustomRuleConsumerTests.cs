using System.Text.RegularExpressions;
using RulesMesh.Package.Tests.Infrastructure;

namespace RulesMesh.Package.Tests;

/// <summary>
/// A fresh consumer adds its own rules with no change to RulesMesh: the rules generator in the package compiles them,
/// together with the rules RulesMesh.dll exports, into the consumer's own pipelines, which the capture engine runs.
/// A misdeclared rule fails the consumer's build with the analyzer's RM1xxx error.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class CustomRuleConsumerTests(PackedPackageFixture package, ITestOutputHelper output)
{
    private const string CaptureRuleName = "example.capture.se-label";
    private const string NamingRuleName = "example.naming.egress-cluster";
    private const string ReplacedRuleName = "kgateway.naming.serviceentry-cluster";

    /// <summary>The consumer's rules: one declarative capture rule, one coded naming rule that replaces a built-in one.</summary>
    private const string Rules = """
        using RulesMesh.Mesh;
        using RulesMesh.Naming;
        using RulesMesh.Rules;
        using RulesMesh.Rules.Declarative;

        namespace Acme.Rules;

        /// <summary>The consumer's pipelines: its rules and the library's, per profile.</summary>
        [RulePipelines]
        public static partial class AcmePipelines;

        /// <summary>
        /// A ServiceEntry labelled example.com/waypoint uses the waypoint it names, in its own namespace. In every profile:
        /// Order 60 runs it after istio's gateway-service opt-out (50) and before the istio.io/use-waypoint labels (100).
        /// </summary>
        [Rule("example.capture.se-label", Order = 60,
            Description = "A ServiceEntry's own example.com/waypoint label names its waypoint.")]
        [AppliesTo("networking.istio.io", "ServiceEntry", Label = "example.com/waypoint")]
        [UseWaypointLabel("example.com/waypoint")]
        public sealed partial class ServiceEntryWaypointLabel;

        /// <summary>
        /// Egress clusters are named after the host and port. Ordered after the rule it replaces, so only the
        /// replacement can explain the name.
        /// </summary>
        [Rule("example.naming.egress-cluster", Order = 300, Profile = "kgateway",
            Replaces = "kgateway.naming.serviceentry-cluster",
            Description = "ServiceEntry clusters are named egress-<host>-<port>.")]
        [AppliesTo("networking.istio.io", "ServiceEntry")]
        public sealed class EgressClusterName : IClusterNameRule
        {
            public string? ClusterName(BackendTarget target, RuleContext context) => $"egress-{target.Host}-{target.Port}";
        }

        /// <summary>A stage of the consumer's own: which team owns a service. The first non-null answer wins.</summary>
        [StageContract(RuleStage.Naming)]
        public interface ITeamRule
        {
            string? Team(MeshService service, RuleContext context);
        }

        [Rule("example.team.label", Description = "The example.com/team label names the owning team.")]
        public sealed class TeamLabel : ITeamRule
        {
            public string? Team(MeshService service, RuleContext context) => service.Labels.TryGetValue("example.com/team", out var team) ? team : null;
        }

        [Rule("example.team.unowned", After = "example.team.label", Description = "Services without a team are unowned.")]
        public sealed class Unowned : ITeamRule
        {
            public string? Team(MeshService service, RuleContext context) => "unowned";
        }
        """;

    /// <summary>
    /// Runs the consumer's kgateway pipeline through the capture engine over objects built in code: a kgateway waypoint
    /// in <c>egress</c> and a ServiceEntry there that names it only through <c>example.com/waypoint</c>.
    /// </summary>
    private const string Program = """
        using k8s;
        using k8s.Models;
        using RulesMesh.Capture;
        using RulesMesh.Mesh;
        using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
        using RulesMesh.Models.NetworkingIstioIo.V1;
        using RulesMesh.Naming;
        using RulesMesh.Rules;
        using Acme.Rules;

        var pipeline = AcmePipelines.Create("kgateway");
        Console.WriteLine($"profile: {pipeline.Profile}");
        foreach (var rule in pipeline.Rules)
        {
            Console.WriteLine($"rule: {rule.Name}|{rule.Stage}|{rule.Order}|{rule.Replaced}");
        }

        var waypoint = new Gateway
        {
            Metadata = new V1ObjectMeta { Name = "egress-waypoint", NamespaceProperty = "egress" },
            Spec = new GatewaySpec
            {
                GatewayClassName = "kgateway-waypoint",
                Listeners = [new GatewayListener { Name = "proxy", Port = 15088, Protocol = "istio.io/PROXY" }],
            },
        };
        var api = new ServiceEntry
        {
            Metadata = new V1ObjectMeta
            {
                Name = "partner-api",
                NamespaceProperty = "egress",
                Labels = new Dictionary<string, string> { ["example.com/waypoint"] = "egress-waypoint", ["example.com/team"] = "payments" },
            },
            Spec = new ServiceEntrySpec
            {
                Hosts = ["api.partner.example"],
                Addresses = ["240.240.1.10"],
                Ports = [new ServiceEntryPort { Number = 443, Name = "tls", Protocol = "TLS" }],
            },
        };
        var unlabelled = new ServiceEntry
        {
            Metadata = new V1ObjectMeta { Name = "other-api", NamespaceProperty = "egress" },
            Spec = new ServiceEntrySpec { Hosts = ["api.other.example"], Ports = [new ServiceEntryPort { Number = 443, Name = "tls", Protocol = "TLS" }] },
        };

        var result = new WaypointCapture(pipeline).Run(new IKubernetesObject<V1ObjectMeta>[] { waypoint, api, unlabelled });
        foreach (var gateway in result.Gateways)
        {
            Console.WriteLine($"gateway: {gateway.Name}|waypoint={gateway.IsWaypoint}|output={gateway.ProducesOutput}|{string.Join(",", gateway.Services.Select(s => s.Key.ToString()))}");
        }

        foreach (var service in result.Services)
        {
            Console.WriteLine($"service: {service.Key}|{service.Decision.Waypoint?.ToString() ?? "-"}|{service.Decision.DecidingRule ?? "-"}");
            Console.WriteLine($"team: {service.Key}|{pipeline.Stage<ITeamRule>().Team(service.Service, result.Context)}");
        }

        Console.WriteLine($"explain: {result.Explain(new ObjectKey("networking.istio.io", "ServiceEntry", "egress", "partner-api")).Summary}");

        var context = new RuleContext(new EngineSettings(), new Dictionary<string, V1Namespace>());
        var key = new ObjectKey("networking.istio.io", "ServiceEntry", "egress", "partner-api");
        var naming = pipeline.Stage<IClusterNameRule>();
        Console.WriteLine($"cluster: {naming.ClusterName(new BackendTarget(key, 443, "api.partner.example"), context)}");
        Console.WriteLine($"service-cluster: {naming.ClusterName(new BackendTarget(new ObjectKey("", "Service", "shop", "web"), 80, "web.shop.svc.cluster.local"), context)}");

        // The library's own pipeline, which knows nothing of the consumer's rules, still names the cluster its way.
        Console.WriteLine($"library-cluster: {RulesMesh.WaypointPipelines.Create("kgateway").Stage<IClusterNameRule>().ClusterName(new BackendTarget(key, 443, "api.partner.example"), context)}");
        """;

    [Fact]
    public void Consumer_rules_are_compiled_into_its_own_pipeline_and_run_by_the_capture_engine()
    {
        package.AssertPacked();
        var directory = package.NewConsumerDirectory("CustomRules");
        File.WriteAllText(Path.Combine(directory, "Rules.cs"), Rules);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), Program);
        var sarif = ConsumerProject.WriteProject(directory, "CustomRules", RulesProject());

        var build = ConsumerProject.Build(Path.Combine(directory, "CustomRules.csproj"));
        output.WriteLine($"build: {build.Duration.TotalSeconds:F1}s");
        ConsumerProject.AssertCleanBuild(build);
        ConsumerProject.AssertSarif(sarif, build);

        var run = ConsumerProject.Run(Path.Combine(directory, "bin", "Debug", "net10.0", "CustomRules.dll"));
        output.WriteLine(run.StandardOutput);
        var details = run.Describe() + Environment.NewLine + build.Describe();
        Assert.True(run.ExitCode == 0, "The consumer failed." + Environment.NewLine + details);

        // Both rules are in the pipeline, beside the library's; the naming rule took the replaced one's place.
        Assert.Equal(["kgateway"], ConsumerProject.Lines(run, "profile: "));
        var rules = ConsumerProject.Lines(run, "rule: ");
        Assert.Contains($"{CaptureRuleName}|Capture|60|", rules);
        Assert.Contains($"{NamingRuleName}|Naming|300|{ReplacedRuleName}", rules);
        Assert.Contains("example.team.label|Naming|0|", rules);
        Assert.Contains("waypoint.capture.object-label|Capture|100|", rules);
        Assert.Contains("kgateway.naming.service-cluster|Naming|100|", rules);
        Assert.DoesNotContain(rules, r => r.StartsWith(ReplacedRuleName + "|", StringComparison.Ordinal));

        // The capture rule captured the labelled ServiceEntry (no istio.io label anywhere), and only it.
        Assert.Equal(["egress/egress-waypoint|waypoint=True|output=True|ServiceEntry(egress/partner-api)"], ConsumerProject.Lines(run, "gateway: "));
        Assert.Equal(
            [
                $"ServiceEntry(egress/other-api)|-|-",
                $"ServiceEntry(egress/partner-api)|egress/egress-waypoint|{CaptureRuleName}",
            ],
            ConsumerProject.Lines(run, "service: "));
        // The consumer's own stage contract runs through its pipeline, in Before/After order.
        Assert.Equal(["ServiceEntry(egress/other-api)|unowned", "ServiceEntry(egress/partner-api)|payments"], ConsumerProject.Lines(run, "team: "));
        var explanation = Assert.Single(ConsumerProject.Lines(run, "explain: "));
        Assert.StartsWith("ServiceEntry egress/partner-api is captured by waypoint egress/egress-waypoint: ", explanation, StringComparison.Ordinal);
        Assert.EndsWith($"(rule {CaptureRuleName}).", explanation, StringComparison.Ordinal);

        // The naming rule named the ServiceEntry's cluster; Services keep kgateway's names; the library's pipeline is untouched.
        Assert.Equal(["egress-api.partner.example-443"], ConsumerProject.Lines(run, "cluster: "));
        Assert.DoesNotContain("egress-", Assert.Single(ConsumerProject.Lines(run, "service-cluster: ")), StringComparison.Ordinal);
        Assert.StartsWith("istio-se_egress_partner-api_", Assert.Single(ConsumerProject.Lines(run, "library-cluster: ")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_misdeclared_rule_fails_the_consumer_build_with_its_RM1xxx_error()
    {
        package.AssertPacked();
        var directory = package.NewConsumerDirectory("MisdeclaredRules");
        File.WriteAllText(Path.Combine(directory, "Program.cs"), "Console.WriteLine(Acme.Rules.AcmePipelines.DefaultProfile);\n");
        File.WriteAllText(Path.Combine(directory, "BadRules.cs"), """
            using RulesMesh.Rules;
            using RulesMesh.Rules.Declarative;

            namespace Acme.Rules;

            [RulePipelines]
            public static partial class AcmePipelines;

            // RM1001: no stage contract, so nothing to call.
            [Rule("example.capture.nothing")]
            public sealed class Nothing;

            // RM1005: a data-attribute rule the generator must complete, but not partial.
            [Rule("example.capture.not-partial", Order = 70)]
            [UseWaypointLabel("example.com/other-waypoint")]
            public sealed class NotPartial;
            """);
        ConsumerProject.WriteProject(directory, "MisdeclaredRules", RulesProject());

        var build = ConsumerProject.Build(Path.Combine(directory, "MisdeclaredRules.csproj"));
        output.WriteLine($"build: {build.Duration.TotalSeconds:F1}s");
        var all = build.StandardOutput + build.StandardError;
        Assert.True(build.ExitCode != 0, "The build of misdeclared rules succeeded." + Environment.NewLine + build.Describe());
        Assert.Matches(new Regex(@"BadRules\.cs\(\d+,\d+\): error RM1001: Rule 'Nothing' implements no stage contract"), all);
        Assert.Matches(new Regex(@"BadRules\.cs\(\d+,\d+\): error RM1005: Rule 'NotPartial' carries \[UseWaypointLabel\] but is not partial"), all);
        Assert.False(all.Contains("AD0001", StringComparison.Ordinal), "An analyzer crashed." + Environment.NewLine + build.Describe());
        Assert.False(all.Contains("CS8785", StringComparison.Ordinal), "A generator crashed." + Environment.NewLine + build.Describe());
    }

    private string RulesProject() => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <RootNamespace>Acme</RootNamespace>
        {ConsumerProject.CommonProperties}
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="RulesMesh" Version="{package.Version}" />
          </ItemGroup>
        </Project>
        """;
}
