using Microsoft.CodeAnalysis.Testing;
using RulesMesh.Analyzers.Tests.Infrastructure;
using RulesMesh.Generators.Diagnostics;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>RM1002: no two rules of one contract share an Order where their profiles meet, here or in referenced assemblies.</summary>
public sealed class OrderClashTests
{
    [Fact]
    public Task Two_local_rules_with_the_same_order_are_both_reported()
        => AnalyzerTest.Run(Usings + ConsumerProfiles + """
            namespace Consumer;

            [{|RM1002:Rule("consumer.first", Order = 5)|}]
            public sealed class First
            """ + CaptureBody + """


            [{|RM1002:Rule("consumer.second", Order = 5)|}]
            public sealed class Second
            """ + CaptureBody);

    [Fact]
    public async Task A_local_rule_that_takes_the_order_of_a_referenced_rule_is_reported_and_names_it()
    {
        // waypoint.capture.object-label in RulesMesh.dll: Capture, Order 100, every profile. Profile "consumer"
        // keeps the rules RulesMesh.dll has for its own profiles out of this test.
        var test = new AnalyzerTest(Usings + ConsumerProfiles + """
            namespace Consumer;

            [{|#0:Rule("consumer.capture", Order = 100, Profile = "consumer")|}]
            public sealed class CaptureRule
            """ + CaptureBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.RuleOrderClash).WithLocation(0)
            .WithArguments("consumer.capture", "100", "IServiceCaptureRule", "waypoint.capture.object-label", " (from assembly 'RulesMesh')", "profile 'consumer'"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_profiled_rule_clashes_with_a_referenced_rule_of_the_same_profile()
    {
        // kgateway.naming.service-cluster in RulesMesh.dll: IClusterNameRule, Order 100, profile kgateway.
        var test = new AnalyzerTest(Usings + ConsumerProfiles + """
            namespace Consumer;

            [{|#0:Rule("consumer.naming", Order = 100, Profile = "kgateway")|}]
            public sealed class NamingRule
            """ + NamingBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.RuleOrderClash).WithLocation(0)
            .WithArguments("consumer.naming", "100", "IClusterNameRule", "kgateway.naming.service-cluster", " (from assembly 'RulesMesh')", "profile 'kgateway'"));
        await test.RunAsync();
    }

    [Fact]
    public Task Rules_of_different_contracts_of_one_stage_may_share_an_order()
        => AnalyzerTest.Run(Usings + ConsumerProfiles + """
            namespace Consumer;

            // kgateway.waypoint.class holds Order 10 in IWaypointRule, of the same Capture stage.
            [Rule("consumer.capture", Order = 10, Profile = "kgateway")]
            public sealed class CaptureRule
            """ + CaptureBody);

    [Fact]
    public Task Rules_placed_by_before_or_after_may_share_an_order()
        => AnalyzerTest.Run(Usings + ConsumerProfiles + """
            namespace Consumer;

            [Rule("consumer.first", Order = 5, Profile = "consumer")]
            public sealed class First
            """ + CaptureBody + """


            [Rule("consumer.second", Order = 5, Profile = "consumer", After = "consumer.first")]
            public sealed class Second
            """ + CaptureBody);

    [Fact]
    public Task Rules_of_disjoint_profiles_may_share_an_order()
        => AnalyzerTest.Run(Usings + ConsumerProfiles + """
            namespace Consumer;

            // RulesMesh.dll has Capture rules at Order 10 only in its own profiles (kgateway, istio).
            [Rule("consumer.ten", Order = 10, Profile = "consumer")]
            public sealed class Ten
            """ + CaptureBody + """


            [Rule("consumer.other", Order = 7, Profile = "a")]
            public sealed class A
            """ + CaptureBody + """


            [Rule("consumer.other-b", Order = 7, Profile = "b")]
            public sealed class B
            """ + CaptureBody);

    [Fact]
    public Task Rules_of_different_contracts_may_share_an_order()
        => AnalyzerTest.Run(Usings + ConsumerProfiles + """
            namespace Consumer;

            [Rule("consumer.capture", Order = 5)]
            public sealed class CaptureRule
            """ + CaptureBody + """


            [Rule("consumer.naming", Order = 5)]
            public sealed class NamingRule
            """ + NamingBody);

    [Fact]
    public Task A_rule_that_replaces_the_referenced_rule_at_its_order_is_no_clash()
        => AnalyzerTest.Run(Usings + ConsumerProfiles + """
            namespace Consumer;

            [Rule("consumer.object-label", Order = 100, Profile = "consumer", Replaces = "waypoint.capture.object-label")]
            public sealed class ObjectLabel
            """ + CaptureBody);

    [Fact]
    public Task A_rule_replaced_everywhere_by_a_third_rule_clashes_with_nothing()
        => AnalyzerTest.Run(Usings + ConsumerProfiles + """
            namespace Consumer;

            // Takes Order 100, which waypoint.capture.object-label holds, but that rule is replaced in every profile.
            [Rule("consumer.at-100", Order = 100, Profile = "consumer")]
            public sealed class At100
            """ + CaptureBody + """


            [Rule("consumer.object-label", Order = 151, Replaces = "waypoint.capture.object-label")]
            public sealed class ObjectLabel
            """ + CaptureBody);

    [Fact]
    public Task A_rule_the_generator_cannot_call_is_not_also_reported_as_a_clash()
        => AnalyzerTest.Run(Usings + ConsumerProfiles + """
            namespace Consumer;

            [Rule("consumer.abstract", Order = 100, Profile = "consumer")]
            public abstract class {|RM1016:AbstractCapture|}
            """ + CaptureBody);

    [Fact]
    public Task Rules_whose_AppliesTo_kinds_cannot_meet_do_not_clash()
        => AnalyzerTest.Run(Usings + ConsumerProfiles + """
            namespace Consumer;

            [Rule("consumer.naming.entries", Order = 5, Profile = "consumer")]
            [AppliesTo("networking.istio.io", "ServiceEntry")]
            public sealed class EntryNames
            """ + NamingBody + """


            [Rule("consumer.naming.services", Order = 5, Profile = "consumer")]
            [AppliesTo("", "Service")]
            public sealed class ServiceNames
            """ + NamingBody);

    [Fact]
    public Task Rules_sharing_an_AppliesTo_kind_clash_even_when_their_labels_differ()
        => AnalyzerTest.Run(Usings + ConsumerProfiles + """
            namespace Consumer;

            [{|RM1002:Rule("consumer.naming.blue", Order = 5, Profile = "consumer")|}]
            [AppliesTo("", "Service", Label = "blue")]
            public sealed class BlueNames
            """ + NamingBody + """


            [{|RM1002:Rule("consumer.naming.green", Order = 5, Profile = "consumer")|}]
            [AppliesTo("networking.istio.io", "ServiceEntry")]
            [AppliesTo("", "Service", Label = "green")]
            public sealed class GreenNames
            """ + NamingBody);

    [Fact]
    public Task A_rule_for_one_kind_clashes_with_a_rule_for_every_kind()
        => AnalyzerTest.Run(Usings + ConsumerProfiles + """
            namespace Consumer;

            [{|RM1002:Rule("consumer.naming.services", Order = 5, Profile = "consumer")|}]
            [AppliesTo("", "Service")]
            public sealed class ServiceNames
            """ + NamingBody + """


            [{|RM1002:Rule("consumer.naming.all", Order = 5, Profile = "consumer")|}]
            public sealed class AllNames
            """ + NamingBody);

    // docs/rules.md's two naming examples, copied into one project: each replaces a different built-in rule, for a kind the other never sees.
    [Fact]
    public Task The_two_cluster_naming_examples_of_the_rules_guide_build_together()
        => AnalyzerTest.Run(Usings + """
            namespace Acme.Rules;

            [Rule("acme.naming.egress", Profile = "kgateway", Replaces = "kgateway.naming.serviceentry-cluster",
                Description = "ServiceEntry clusters are named egress_<host>_<port>.")]
            [AppliesTo("networking.istio.io", "ServiceEntry")]
            [ClusterNameFormat("egress_{host}_{port}")]
            public sealed partial class EgressClusterName;

            [Rule("acme.naming.short-services", Profile = "kgateway", Replaces = "kgateway.naming.service-cluster",
                Description = "Service clusters are named <name>.<namespace>:<port>.")]
            [AppliesTo("", "Service")]
            public sealed class ShortServiceClusterName : IClusterNameRule
            {
                public string? ClusterName(BackendTarget target, RuleContext context)
                    => $"{target.Service.Name}.{target.Service.Namespace}:{target.Port}";
            }
            """);
}
