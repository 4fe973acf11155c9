using Microsoft.CodeAnalysis.Testing;
using RulesMesh.Analyzers.Tests.Infrastructure;
using RulesMesh.Generators.Diagnostics;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>RM1022–RM1024: a decorator wraps another rule of its contract, derives from RuleDecorator of it, and has no AppliesTo of its own.</summary>
public sealed class DecoratesTests
{
    private const string DecoratorBody = """
        : RuleDecorator<IClusterNameRule>, IClusterNameRule
        {
            public string ClusterName(BackendTarget target, RuleContext context) => Decorated.ClusterName(target, context) + "-x";
        }
        """;

    [Fact]
    public Task Decorating_a_built_in_rule_of_the_same_contract_is_fine()
        => AnalyzerTest.Run(Usings + """
            namespace Consumer;

            [Rule("consumer.naming.suffix", Decorates = "kgateway.naming.service-cluster")]
            public sealed class Suffix
            """ + DecoratorBody);

    [Fact]
    public async Task Decorating_a_misspelled_rule_suggests_the_rule_of_the_contract()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [Rule("consumer.naming.suffix", {|#0:Decorates = "kgateway.naming.service-clustr"|})]
            public sealed class Suffix
            """ + DecoratorBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.DecoratedRuleNotFound).WithLocation(0).WithArguments(
            "consumer.naming.suffix", "kgateway.naming.service-clustr", "no rule of that name exists in this project or in the assemblies it references", "IClusterNameRule", "; did you mean 'kgateway.naming.service-cluster'?"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Decorating_a_rule_of_another_contract_is_reported()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [Rule("consumer.naming.suffix", {|#0:Decorates = "waypoint.capture.object-label"|})]
            public sealed class Suffix
            """ + DecoratorBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.DecoratedRuleNotFound).WithLocation(0).WithArguments(
            "consumer.naming.suffix", "waypoint.capture.object-label", "that rule implements IServiceCaptureRule", "IClusterNameRule", string.Empty));
        await test.RunAsync();
    }

    [Fact]
    public async Task Decorating_itself_is_reported()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [Rule("consumer.naming.suffix", {|#0:Decorates = "consumer.naming.suffix"|})]
            public sealed class Suffix
            """ + DecoratorBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.DecoratedRuleNotFound).WithLocation(0).WithArguments(
            "consumer.naming.suffix", "consumer.naming.suffix", "that is the rule itself", "IClusterNameRule", string.Empty));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_decorator_that_is_not_a_RuleDecorator_is_reported()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [Rule("consumer.naming.suffix", {|#0:Decorates = "kgateway.naming.service-cluster"|})]
            public sealed class Suffix
            """ + NamingBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.DecoratorWithoutBase).WithLocation(0).WithArguments(
            "consumer.naming.suffix", "kgateway.naming.service-cluster", "IClusterNameRule"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_decorator_with_its_own_AppliesTo_is_reported()
    {
        var test = new AnalyzerTest(Usings + """
            namespace Consumer;

            [Rule("consumer.naming.suffix", {|#0:Decorates = "kgateway.naming.service-cluster"|})]
            [AppliesTo("", "Service", Namespace = "payments")]
            public sealed class Suffix
            """ + DecoratorBody);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.DecoratorWithAppliesTo).WithLocation(0).WithArguments(
            "consumer.naming.suffix", "kgateway.naming.service-cluster"));
        await test.RunAsync();
    }
}
