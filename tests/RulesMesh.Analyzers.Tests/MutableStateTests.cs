using Microsoft.CodeAnalysis.Testing;
using RulesMesh.Analyzers.Tests.Infrastructure;
using RulesMesh.Generators.Diagnostics;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>RM1026: a pipeline creates each rule once and reuses it, so a field one call can change is state shared with every later call.</summary>
public sealed class MutableStateTests
{
    [Fact]
    public async Task Static_and_instance_fields_that_are_not_readonly_are_each_reported_at_the_field()
    {
        var test = new AnalyzerTest(Usings + """
            [Rule("consumer.counting", Order = 1)]
            public sealed class Counting : IClusterNameRule
            {
                private static int {|#0:calls|};
                private int {|#1:instanceCalls|};

                public string ClusterName(BackendTarget target, RuleContext context)
                {
                    calls++;
                    instanceCalls++;
                    return null;
                }
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.MutableRuleState).WithLocation(0).WithArguments("Counting", "field 'calls'"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.MutableRuleState).WithLocation(1).WithArguments("Counting", "field 'instanceCalls'"));
        await test.RunAsync();
    }

    [Fact]
    public async Task An_auto_property_with_a_setter_is_reported_at_the_property()
    {
        var test = new AnalyzerTest(Usings + """
            [Rule("consumer.last", Order = 1)]
            public sealed class Last : IClusterNameRule
            {
                public string {|#0:Previous|} { get; set; }

                public string ClusterName(BackendTarget target, RuleContext context) => Previous = null;
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.MutableRuleState).WithLocation(0).WithArguments("Last", "property 'Previous'"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_mutable_field_of_a_base_class_in_source_is_reported_for_the_rule_deriving_from_it()
    {
        var test = new AnalyzerTest(Usings + """
            public abstract class CachingBase
            {
                protected string {|#0:cached|};
            }

            [Rule("consumer.cached", Order = 1)]
            public sealed class Cached : CachingBase, IClusterNameRule
            {
                public string ClusterName(BackendTarget target, RuleContext context) => cached;
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.MutableRuleState).WithLocation(0).WithArguments("Cached", "field 'cached'"));
        await test.RunAsync();
    }

    [Fact]
    public Task Readonly_fields_constants_getter_only_and_init_properties_are_not_state()
        => AnalyzerTest.Run(Usings + """
            [Rule("consumer.settled", Order = 1)]
            public sealed class Settled : IClusterNameRule
            {
                private const string Prefix = "svc_";
                private static readonly System.Text.RegularExpressions.Regex Dns = new("^[a-z]+$");
                private readonly string suffix = "_x";

                public string Label { get; } = "l";

                public string Mode { get; init; } = "m";

                public string Computed => Prefix + suffix;

                public string ClusterName(BackendTarget target, RuleContext context) => Dns.IsMatch(Label) ? Computed + Mode : null;
            }
            """);

    [Fact]
    public Task Fields_of_a_class_that_is_not_a_rule_are_not_checked()
        => AnalyzerTest.Run(Usings + """
            public sealed class Counter
            {
                private int count;

                public int Next() => ++count;
            }
            """);
}
