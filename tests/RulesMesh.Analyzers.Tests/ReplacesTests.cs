using Microsoft.CodeAnalysis.Testing;
using RulesMesh.Analyzers.Tests.Infrastructure;
using RulesMesh.Generators.Diagnostics;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>
/// RM1003: Replaces names a rule that exists here or in a referenced assembly's manifest (with the closest name when it
/// is a typo); RM1013: not the rule itself; RM1014: one that is active in the replacing rule's profile.
/// </summary>
public sealed class ReplacesTests
{
    [Fact]
    public async Task Replacing_an_unknown_rule_is_reported_on_the_Replaces_argument()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [Rule("consumer.capture", Order = 1, {|#0:Replaces = "waypoint.capture.objectlabel"|})]
            public sealed class CaptureRule
            """ + CaptureBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.ReplacedRuleNotFound).WithLocation(0)
            .WithArguments("consumer.capture", "waypoint.capture.objectlabel", "; did you mean 'waypoint.capture.object-label'?"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Replacing_a_name_close_to_no_rule_suggests_nothing()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [Rule("consumer.capture", Order = 1, {|#0:Replaces = "acme.something.else"|})]
            public sealed class CaptureRule
            """ + CaptureBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.ReplacedRuleNotFound).WithLocation(0)
            .WithArguments("consumer.capture", "acme.something.else", string.Empty));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_rule_replacing_itself_is_an_error()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [Rule("consumer.capture", Order = 1, {|#0:Replaces = "consumer.capture"|})]
            public sealed class CaptureRule
            """ + CaptureBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.RuleReplacesItself).WithLocation(0).WithArguments("consumer.capture"));
        await test.RunAsync();
    }

    [Fact]
    public async Task An_istio_rule_replacing_a_kgateway_only_rule_replaces_nothing_and_is_reported()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [Rule("consumer.naming", Profile = "istio", {|#0:Replaces = "kgateway.naming.service-cluster"|})]
            public sealed class Naming
            """ + NamingBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.ReplacedRuleNotInProfile).WithLocation(0)
            .WithArguments("consumer.naming", "istio", "kgateway.naming.service-cluster", "kgateway"));
        await test.RunAsync();
    }

    [Fact]
    public Task A_profile_rule_replacing_a_rule_of_every_profile_is_fine()
        => AnalyzerTest.Run(Usings + """
            namespace Consumer;

            [Rule("consumer.object-label", Order = 100, Profile = "kgateway", Replaces = "waypoint.capture.object-label")]
            public sealed class ObjectLabel
            """ + CaptureBody);

    [Fact]
    public Task Replacing_a_rule_of_the_referenced_RulesMesh_dll_is_fine()
        => AnalyzerTest.Run(Usings + """
            namespace Consumer;

            [Rule("consumer.namespace-label", Order = 200, Profile = "kgateway", Replaces = "waypoint.capture.namespace-label")]
            public sealed class NamespaceLabel
            """ + CaptureBody);

    [Fact]
    public Task Replacing_a_rule_of_this_project_is_fine()
        => AnalyzerTest.Run(Usings + """
            namespace Consumer;

            [Rule("consumer.original", Order = 1)]
            public sealed class Original
            """ + CaptureBody + """


            [Rule("consumer.better", Order = 2, Profile = "kgateway", Replaces = "consumer.original")]
            public sealed class Better
            """ + CaptureBody);
}
