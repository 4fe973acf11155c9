using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using RulesMesh.Analyzers.Tests.Infrastructure;
using RulesMesh.Generators.Diagnostics;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>RM1005 and RM1016–RM1020 (RM1021 is the rules generator's): a class shape the generated pipeline cannot call, each with its own ID and message, on the class name.</summary>
public sealed class RuleShapeTests
{
    private static async Task Expect(DiagnosticDescriptor descriptor, string source, string message)
    {
        var test = new AnalyzerTest(Usings + source);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(descriptor).WithLocation(0).WithArguments(message));
        await test.RunAsync();
    }

    [Fact]
    public Task Abstract_is_RM1016()
        => Expect(DiagnosticDescriptors.AbstractRule, """
            [Rule("consumer.r", Order = 1)]
            public abstract class {|#0:R|}
            """ + CaptureBody,
            "Rule 'R' is abstract; the generated pipeline creates every rule with 'new', so make the class concrete or move [Rule] to a concrete subclass");

    [Fact]
    public Task Static_is_RM1017()
        => Expect(DiagnosticDescriptors.StaticRule, """
            [Rule("consumer.r", Order = 1)]
            public static class {|#0:R|}
            {
            }
            """,
            "Rule 'R' is a static class; the generated pipeline calls rules on an instance, so remove 'static'");

    [Fact]
    public Task Generic_is_RM1018()
        => Expect(DiagnosticDescriptors.GenericRule, """
            [Rule("consumer.r", Order = 1)]
            public sealed class {|#0:R|}<T>
            """ + CaptureBody,
            "Rule 'R' is generic; the generated pipeline cannot choose its type arguments, so declare a non-generic rule class (it may derive from a generic one)");

    [Fact]
    public Task Nested_is_RM1019()
        => Expect(DiagnosticDescriptors.NestedRule, """
            public static class Outer
            {
                [Rule("consumer.r", Order = 1)]
                public sealed class {|#0:R|}
            """ + CaptureBody + """

            }
            """,
            "Rule 'R' is nested in 'Outer'; the generated pipeline only calls top-level classes, so move it out");

    [Fact]
    public Task No_parameterless_constructor_is_RM1020()
        => Expect(DiagnosticDescriptors.RuleWithoutParameterlessConstructor, """
            [Rule("consumer.r", Order = 1)]
            public sealed class {|#0:R|}(string prefix)
            """ + CaptureBody,
            "Rule 'R' has no public or internal parameterless constructor; the generated pipeline creates it with 'new R()', so add one and read settings from the context argument");

    [Fact]
    public Task A_private_parameterless_constructor_is_not_enough()
        => AnalyzerTest.Run(Usings + """
            [Rule("consumer.r", Order = 1)]
            public sealed class {|RM1020:R|} : IServiceCaptureRule
            {
                private R()
                {
                }

                public CaptureVerdict Evaluate(MeshService service, RuleContext context) => CaptureVerdict.Abstain("no opinion");
            }
            """);

    [Fact]
    public Task Data_attribute_rule_not_partial_is_RM1005()
        => Expect(DiagnosticDescriptors.DataRuleNotPartial, """
            [Rule("consumer.r", Order = 1)]
            [UseWaypointLabel("example.com/waypoint")]
            public sealed class {|#0:R|};
            """,
            "Rule 'R' carries [UseWaypointLabel] but is not partial; the generator writes its implementation into another part of the class, so declare it 'partial'");

    [Fact]
    public Task An_argument_that_cannot_be_evaluated_is_left_to_the_rules_generator_which_alone_cannot_see_generated_models()
        => AnalyzerTest.Run("""
            using RulesMesh.Rules;
            using RulesMesh.Naming;
            using RulesMesh.Mesh;

            [Rule("consumer.r", Order = 1)]
            [AppliesTo({|CS0103:Consumer|}.Models.Widget.KubeGroup, "Widget")]
            public sealed class R : IClusterNameRule
            {
                public string ClusterName(BackendTarget target, RuleContext context) => null;
            }
            """);
}
