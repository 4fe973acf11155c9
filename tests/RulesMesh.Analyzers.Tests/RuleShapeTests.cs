using Microsoft.CodeAnalysis.Testing;
using RulesMesh.Analyzers.Tests.Infrastructure;
using RulesMesh.Generators.Diagnostics;
using static RulesMesh.Analyzers.Tests.Infrastructure.Sources;

namespace RulesMesh.Analyzers.Tests;

/// <summary>RM1005: one message per RuleProblem, on the class name.</summary>
public sealed class RuleShapeTests
{
    private static async Task Expect(string source, string message)
    {
        var test = new AnalyzerTest(Usings + source);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.RuleNotCallable).WithLocation(0).WithArguments(message));
        await test.RunAsync();
    }

    [Fact]
    public Task Abstract()
        => Expect("""
            [Rule("consumer.r", Order = 1)]
            public abstract class {|#0:R|}
            """ + CaptureBody,
            "Rule 'R' is abstract; the generated pipeline creates every rule with 'new', so make the class concrete or move [Rule] to a concrete subclass");

    [Fact]
    public Task Static()
        => Expect("""
            [Rule("consumer.r", Order = 1)]
            public static class {|#0:R|}
            {
            }
            """,
            "Rule 'R' is a static class; the generated pipeline calls rules on an instance, so remove 'static'");

    [Fact]
    public Task Generic()
        => Expect("""
            [Rule("consumer.r", Order = 1)]
            public sealed class {|#0:R|}<T>
            """ + CaptureBody,
            "Rule 'R' is generic; the generated pipeline cannot choose its type arguments, so declare a non-generic rule class (it may derive from a generic one)");

    [Fact]
    public Task Nested()
        => Expect("""
            public static class Outer
            {
                [Rule("consumer.r", Order = 1)]
                public sealed class {|#0:R|}
            """ + CaptureBody + """

            }
            """,
            "Rule 'R' is nested in 'Outer'; the generated pipeline only calls top-level classes, so move it out");

    [Fact]
    public Task No_parameterless_constructor()
        => Expect("""
            [Rule("consumer.r", Order = 1)]
            public sealed class {|#0:R|}(string prefix)
            """ + CaptureBody,
            "Rule 'R' has no public or internal parameterless constructor; the generated pipeline creates it with 'new R()', so add one and read settings from the context argument");

    [Fact]
    public Task A_private_parameterless_constructor_is_not_enough()
        => AnalyzerTest.Run(Usings + """
            [Rule("consumer.r", Order = 1)]
            public sealed class {|RM1005:R|} : IServiceCaptureRule
            {
                private R()
                {
                }

                public CaptureVerdict Evaluate(MeshService service, RuleContext context) => CaptureVerdict.Abstain("no opinion");
            }
            """);

    [Fact]
    public Task Data_attribute_rule_not_partial()
        => Expect("""
            [Rule("consumer.r", Order = 1)]
            [UseWaypointLabel("example.com/waypoint")]
            public sealed class {|#0:R|};
            """,
            "Rule 'R' carries [UseWaypointLabel] but is not partial; the generator writes its implementation into another part of the class, so declare it 'partial'");
}
