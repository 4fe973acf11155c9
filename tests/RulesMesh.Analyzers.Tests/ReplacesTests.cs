using Microsoft.CodeAnalysis.Testing;
using RulesMesh.Analyzers.Tests.Infrastructure;
using RulesMesh.Generators.Diagnostics;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>RM1003: Replaces names a rule that exists here or in a referenced assembly's manifest.</summary>
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
            .WithArguments("consumer.capture", "waypoint.capture.objectlabel"));
        await test.RunAsync();
    }

    [Fact]
    public Task Replacing_a_rule_of_the_referenced_RulesMesh_dll_is_fine()
        => AnalyzerTest.Run(Usings + """
            namespace Consumer;

            [Rule("consumer.namespace-label", Order = 200, Profile = "consumer", Replaces = "waypoint.capture.namespace-label")]
            public sealed class NamespaceLabel
            """ + CaptureBody);

    [Fact]
    public Task Replacing_a_rule_of_this_project_is_fine()
        => AnalyzerTest.Run(Usings + """
            namespace Consumer;

            [Rule("consumer.original", Order = 1, Profile = "a")]
            public sealed class Original
            """ + CaptureBody + """


            [Rule("consumer.better", Order = 2, Profile = "b", Replaces = "consumer.original")]
            public sealed class Better
            """ + CaptureBody);
}
