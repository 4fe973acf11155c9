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
            [Rule("consumer.r", Stage = RuleStage.Capture, Order = 1)]
            public abstract class {|#0:R|}
            """ + CaptureBody,
            "Rule 'R' is abstract; the generated pipeline creates every rule with 'new', so make the class concrete or move [Rule] to a concrete subclass");

    [Fact]
    public Task Static()
        => Expect("""
            [Rule("consumer.r", Stage = RuleStage.Capture, Order = 1)]
            public static class {|#0:R|}
            {
            }
            """,
            "Rule 'R' is a static class; the generated pipeline calls rules on an instance, so remove 'static'");

    [Fact]
    public Task Generic()
        => Expect("""
            [Rule("consumer.r", Stage = RuleStage.Capture, Order = 1)]
            public sealed class {|#0:R|}<T>
            """ + CaptureBody,
            "Rule 'R' is generic; the generated pipeline cannot choose its type arguments, so declare a non-generic rule class (it may derive from a generic one)");

    [Fact]
    public Task Nested()
        => Expect("""
            public static class Outer
            {
                [Rule("consumer.r", Stage = RuleStage.Capture, Order = 1)]
                public sealed class {|#0:R|}
            """ + CaptureBody + """

            }
            """,
            "Rule 'R' is nested in 'Outer'; the generated pipeline only calls top-level classes, so move it out");

    [Fact]
    public Task No_parameterless_constructor()
        => Expect("""
            [Rule("consumer.r", Stage = RuleStage.Capture, Order = 1)]
            public sealed class {|#0:R|}(string prefix)
            """ + CaptureBody,
            "Rule 'R' has no public or internal parameterless constructor; the generated pipeline creates it with 'new R()', so add one and read settings from RuleContext");

    [Fact]
    public Task A_private_parameterless_constructor_is_not_enough()
        => AnalyzerTest.Run(Usings + """
            [Rule("consumer.r", Stage = RuleStage.Capture, Order = 1)]
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
            [Rule("consumer.r", Stage = RuleStage.Capture, Order = 1)]
            [UseWaypointLabel("example.com/waypoint")]
            public sealed class {|#0:R|};
            """,
            "Rule 'R' carries [UseWaypointLabel] but is not partial; the generator writes its implementation into another part of the class, so declare it 'partial'");

    [Fact]
    public Task No_stage_interface()
        => Expect("""
            [Rule("consumer.r", Stage = RuleStage.Capture, Order = 1)]
            public sealed class {|#0:R|}
            {
            }
            """,
            "Rule 'R' implements no stage interface and carries no data attribute, so the pipeline has nothing to call; implement IWaypointRule, IServiceCaptureRule, IServiceModelRule<T>, IClusterNameRule, IWaypointListenerRule or an interface marked [StageContract], or add a data attribute such as [UseWaypointLabel]");

    [Fact]
    public Task Stage_interface_outside_the_declared_stage()
        => Expect("""
            [Rule("consumer.r", Stage = RuleStage.Capture, Order = 1)]
            public sealed class {|#0:R|}
            """ + NamingBody,
            "Rule 'R' implements IClusterNameRule, which belongs to stage Naming, but is declared in stage Capture");

    [Fact]
    public Task Service_model_interface_outside_the_declared_stage_is_named_with_its_type_argument()
        => Expect("""
            [Rule("consumer.r", Stage = RuleStage.Naming, Order = 1)]
            public sealed class {|#0:R|} : IServiceModelRule<k8s.Models.V1Service>
            {
                public MeshService Build(k8s.Models.V1Service resource, RuleContext context) => null;
            }
            """,
            "Rule 'R' implements IServiceModelRule<V1Service>, which belongs to stage ServiceModel, but is declared in stage Naming");

    [Fact]
    public Task Stage_contract_interface_outside_the_declared_stage()
        => Expect("""
            [StageContract(RuleStage.Backends)]
            public interface IBackendCountRule
            {
                int? BackendCount(MeshService service, RuleContext context);
            }

            [Rule("consumer.r", Stage = RuleStage.Capture, Order = 1)]
            public sealed class {|#0:R|} : IBackendCountRule
            {
                public int? BackendCount(MeshService service, RuleContext context) => null;
            }
            """,
            "Rule 'R' implements IBackendCountRule, which belongs to stage Backends, but is declared in stage Capture");

    [Fact]
    public Task Data_attribute_outside_the_declared_stage()
        => Expect("""
            [Rule("consumer.r", Stage = RuleStage.Capture, Order = 1)]
            [ClusterNameFormat("{namespace}_{name}")]
            public sealed partial class {|#0:R|};
            """,
            "Rule 'R' carries [ClusterNameFormat], which belongs to stage Naming, but is declared in stage Capture");
}
