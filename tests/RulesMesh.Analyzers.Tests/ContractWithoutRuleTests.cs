using Microsoft.CodeAnalysis.Testing;
using RulesMesh.Analyzers.Tests.Infrastructure;
using RulesMesh.Generators.Diagnostics;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>RM1027: only [Rule] classes are compiled into the pipelines, so a concrete class implementing a stage contract without one is never called.</summary>
public sealed class ContractWithoutRuleTests
{
    [Fact]
    public async Task A_concrete_class_implementing_a_stage_contract_without_Rule_is_reported_at_its_name()
    {
        var test = new AnalyzerTest(Usings + "public sealed class {|#0:Forgot|}" + NamingBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.ContractWithoutRule).WithLocation(0).WithArguments("Forgot", "IClusterNameRule"));
        await test.RunAsync();
    }

    [Fact]
    public Task Abstract_bases_and_classes_that_only_inherit_the_contract_from_a_rule_are_not_reported()
        => AnalyzerTest.Run(Usings + """
            public abstract class NamingBase : IClusterNameRule
            {
                public abstract string ClusterName(BackendTarget target, RuleContext context);
            }

            [Rule("consumer.short-name", Order = 1)]
            public class ShortName : NamingBase
            {
                public override string ClusterName(BackendTarget target, RuleContext context) => null;
            }

            public sealed class ShorterName : ShortName
            {
            }
            """);

    [Fact]
    public Task A_class_implementing_an_ordinary_interface_is_not_reported()
        => AnalyzerTest.Run(Usings + """
            public sealed class Plain : System.IDisposable
            {
                public void Dispose()
                {
                }
            }
            """);
}
