using Microsoft.CodeAnalysis.Testing;
using RulesMesh.Analyzers.Tests.Infrastructure;
using RulesMesh.Generators.Diagnostics;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>RM1001: every rule names its stage.</summary>
public sealed class RuleStageTests
{
    [Fact]
    public Task A_rule_without_stage_is_reported_on_its_attribute()
        => AnalyzerTest.Run(Usings + """
            namespace Consumer;

            [{|RM1001:Rule("consumer.capture", Order = 1)|}]
            public sealed class CaptureRule
            """ + CaptureBody);

    [Fact]
    public Task An_explicit_unspecified_stage_is_reported()
        => AnalyzerTest.Run(Usings + """
            namespace Consumer;

            [{|RM1001:Rule("consumer.capture", Stage = RuleStage.Unspecified, Order = 1)|}]
            public sealed class CaptureRule
            """ + CaptureBody);

    [Fact]
    public async Task The_message_names_the_class()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [{|#0:Rule("consumer.capture")|}]
            public sealed class CaptureRule
            """ + CaptureBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.RuleWithoutStage).WithLocation(0).WithArguments("CaptureRule"));
        await test.RunAsync();
    }

    [Fact]
    public Task A_rule_with_neither_stage_nor_stage_interface_gets_both_RM1001_and_RM1005()
        => AnalyzerTest.Run(Usings + """
            namespace Consumer;

            [{|RM1001:Rule("consumer.nothing")|}]
            public sealed class {|RM1005:Nothing|}
            {
            }
            """);
}
