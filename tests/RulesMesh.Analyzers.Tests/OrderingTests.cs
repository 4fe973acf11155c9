using Microsoft.CodeAnalysis.Testing;
using RulesMesh.Analyzers.Tests.Infrastructure;
using RulesMesh.Generators.Diagnostics;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>RM1007 and RM1008: Before and After name a rule of the same contract, and never form a cycle.</summary>
public sealed class OrderingTests
{
    [Fact]
    public Task Before_and_after_naming_rules_of_the_same_contract_are_fine()
        => AnalyzerTest.Run(Usings + """
            namespace Consumer;

            [Rule("consumer.early", Before = "waypoint.capture.object-label")]
            public sealed class Early
            """ + CaptureBody + """


            [Rule("consumer.late", After = "waypoint.capture.namespace-label")]
            public sealed class Late
            """ + CaptureBody);

    [Fact]
    public async Task After_naming_an_unknown_rule_is_reported_on_the_argument()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [Rule("consumer.late", {|#0:After = "consumer.nowhere"|})]
            public sealed class Late
            """ + CaptureBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.OrderingRuleNotFound).WithLocation(0)
            .WithArguments("consumer.late", "After", "consumer.nowhere", "no rule of that name exists in this project or in the assemblies it references", "IServiceCaptureRule", string.Empty));
        await test.RunAsync();
    }

    [Fact]
    public async Task Before_naming_a_rule_of_another_contract_is_reported()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [Rule("consumer.early", {|#0:Before = "kgateway.naming.service-cluster"|})]
            public sealed class Early
            """ + CaptureBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.OrderingRuleNotFound).WithLocation(0)
            .WithArguments("consumer.early", "Before", "kgateway.naming.service-cluster", "that rule implements IClusterNameRule, and rules only order against rules of their own contract", "IServiceCaptureRule", string.Empty));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_cycle_is_reported_on_every_rule_in_it_with_the_loop()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [{|#0:Rule("consumer.a", Before = "consumer.b")|}]
            public sealed class A
            """ + CaptureBody + """


            [{|#1:Rule("consumer.b", Before = "consumer.a")|}]
            public sealed class B
            """ + CaptureBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.OrderingCycle).WithLocation(0).WithArguments("consumer.a", "consumer.a -> consumer.b -> consumer.a"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.OrderingCycle).WithLocation(1).WithArguments("consumer.b", "consumer.b -> consumer.a -> consumer.b"));
        await test.RunAsync();
    }
}
