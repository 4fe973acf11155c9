using Microsoft.CodeAnalysis.Testing;
using RulesMesh.Analyzers.Tests.Infrastructure;
using RulesMesh.Generators.Diagnostics;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>RM1006: rule names are unique across this project and the assemblies it references.</summary>
public sealed class DuplicateNameTests
{
    [Fact]
    public async Task Two_local_rules_with_one_name_are_both_reported()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [{|#0:Rule("consumer.rule", Order = 1)|}]
            public sealed class First
            """ + CaptureBody + """


            [{|#1:Rule("consumer.rule", Order = 1)|}]
            public sealed class Second
            """ + NamingBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.DuplicateRuleName).WithLocation(0).WithArguments("consumer.rule", "Consumer.First", "Consumer.Second", string.Empty));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.DuplicateRuleName).WithLocation(1).WithArguments("consumer.rule", "Consumer.Second", "Consumer.First", string.Empty));
        await test.RunAsync();
    }

    [Fact]
    public async Task Two_local_rules_of_one_name_and_one_order_are_reported_as_a_duplicate_name_only()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [{|#0:Rule("consumer.naming", Order = 5)|}]
            public sealed class First
            """ + NamingBody + """


            [{|#1:Rule("consumer.naming", Order = 5)|}]
            public sealed class Second
            """ + NamingBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.DuplicateRuleName).WithLocation(0).WithArguments("consumer.naming", "Consumer.First", "Consumer.Second", string.Empty));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.DuplicateRuleName).WithLocation(1).WithArguments("consumer.naming", "Consumer.Second", "Consumer.First", string.Empty));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_local_rule_named_like_a_rule_of_RulesMesh_dll_is_reported()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [{|#0:Rule("waypoint.capture.object-label", Order = 1)|}]
            public sealed class ObjectLabel
            """ + CaptureBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.DuplicateRuleName).WithLocation(0)
            .WithArguments("waypoint.capture.object-label", "Consumer.ObjectLabel", "RulesMesh.Capture.ObjectUseWaypointLabel", " in assembly 'RulesMesh'"));
        await test.RunAsync();
    }

    [Fact]
    public Task Distinct_names_are_fine()
        => AnalyzerTest.Run(Usings + """
            namespace Consumer;

            [Rule("consumer.one", Order = 1)]
            public sealed class One
            """ + CaptureBody + """


            [Rule("consumer.two", Order = 2)]
            public sealed class Two
            """ + CaptureBody);
}
